import { describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { BrowserHistory } from './browser-history';
import { MemoryVersionStore } from './version-store';

const MIN = 60_000;
const clock = { now: 10_000 * MIN };
const canvas = (revision: number, content: string, updatedAt = clock.now): StoredCanvas => ({
  id: 'c',
  name: 'Canvas',
  createdAt: 0,
  updatedAt,
  revision,
  thumbnail: 'data:image/png;base64,AAAA',
  nodes: [{ id: 't', type: 'text', position: { x: 0, y: 0 }, data: { content } }],
  edges: [],
});
const empty = (revision: number): StoredCanvas => ({ ...canvas(revision, ''), nodes: [] });

function history(options = {}) {
  const store = new MemoryVersionStore();
  return { store, history: new BrowserHistory(store, { now: () => clock.now, ...options }) };
}

/** One edit: the canvas at `revision` is replaced by the next, now. */
function edit(h: BrowserHistory, from: StoredCanvas, content: string) {
  const next = { ...canvas(from.revision + 1, content), updatedAt: clock.now };
  h.replacing(from, next);
  return next;
}

describe('BrowserHistory', () => {
  it('keeps the state a canvas had when this page first edited it, then waits for edits to settle', async () => {
    const { history: h } = history();
    let c = canvas(3, 'lighthouse', clock.now - 5 * MIN);
    c = edit(h, c, 'lighthouse at');
    clock.now += 1000;
    c = edit(h, c, 'lighthouse at dusk');
    clock.now += 1000;
    c = edit(h, c, 'lighthouse at dusk!');
    let versions = await h.list('c');
    expect(versions.map((v) => v.revision)).toEqual([3]);
    expect(versions[0]).toMatchObject({
      canvasId: 'c',
      source: 'edit',
      name: 'Canvas',
      nodeCount: 1,
      at: clock.now - 5 * MIN - 2000,
    });
    // After a pause longer than the settle time, the settled state is kept.
    clock.now += 3 * MIN;
    edit(h, c, 'harbour');
    versions = await h.list('c');
    expect(versions.map((v) => v.revision)).toEqual([6, 3]);
    const kept = await h.get('c', versions[0].id);
    expect(kept.nodes[0].data.content).toBe('lighthouse at dusk!');
    expect(kept.thumbnail).toBeUndefined();
  });

  it('keeps a checkpoint during long unbroken editing', async () => {
    const { history: h } = history({ checkpointMs: 10 * MIN });
    let c = canvas(1, 'a');
    c = edit(h, c, 'b'); // first edit: kept
    for (let i = 0; i < 12; i++) {
      clock.now += MIN;
      c = edit(h, c, `x${i}`);
    }
    expect((await h.list('c')).length).toBe(2);
  });

  it('keeps nothing for panning, thumbnails or empty canvases', async () => {
    const { history: h } = history();
    const c = canvas(1, 'a');
    h.replacing(c, { ...c, revision: 2, viewport: { x: 1, y: 1, zoom: 1 } });
    h.replacing(empty(1), canvas(2, 'first words'));
    expect(await h.list('c')).toEqual([]);
  });

  it('always keeps what a whole save or a restore replaces, unless nothing changes', async () => {
    const { history: h } = history();
    const c = canvas(4, 'before');
    h.replacing(c, { ...c, revision: 5 }, 'import');
    expect(await h.list('c')).toEqual([]);
    h.replacing(c, canvas(5, 'after'), 'import');
    h.replacing(canvas(5, 'after'), canvas(6, 'restored'), 'restore');
    expect((await h.list('c')).map((v) => [v.revision, v.source])).toEqual([
      [5, 'restore'],
      [4, 'import'],
    ]);
  });

  it('does not keep the same revision twice', async () => {
    const { history: h } = history();
    const c = canvas(4, 'x');
    h.replacing(c, canvas(5, 'y'), 'restore');
    h.replacing(c, canvas(5, 'z'), 'restore');
    expect(await h.list('c')).toHaveLength(1);
  });

  it('caps versions per canvas and in all, dropping the oldest', async () => {
    const { history: h, store } = history({ maxPerCanvas: 3, maxVersions: 4 });
    for (let r = 1; r <= 5; r++) {
      clock.now += MIN;
      h.replacing(canvas(r, `v${r}`), canvas(r + 1, `v${r + 1}`), 'import');
    }
    expect((await h.list('c')).map((v) => v.revision)).toEqual([5, 4, 3]);
    const other = { ...canvas(1, 'o'), id: 'd' };
    h.replacing(other, { ...canvas(2, 'p'), id: 'd' }, 'import');
    h.replacing({ ...canvas(2, 'p'), id: 'd' }, { ...canvas(3, 'q'), id: 'd' }, 'import');
    await h.settled();
    expect((await store.all()).length).toBe(4);
    expect((await h.list('c')).map((v) => v.revision)).toEqual([5, 4]);
  });

  it('says not_found for an unknown version and forgets a purged canvas', async () => {
    const { history: h } = history();
    h.replacing(canvas(1, 'a'), canvas(2, 'b'), 'import');
    const [v] = await h.list('c');
    await expect(h.get('c', v.id + 100)).rejects.toMatchObject({ code: 'not_found' });
    await expect(h.get('other', v.id)).rejects.toMatchObject({ code: 'not_found' });
    await h.forget('c');
    expect(await h.list('c')).toEqual([]);
  });

  it('copies the replaced canvas at once, so later changes to its objects are not kept', async () => {
    const { history: h } = history();
    const c = canvas(1, 'original');
    h.replacing(c, canvas(2, 'b'), 'import');
    c.nodes[0].data.content = 'mutated';
    const [v] = await h.list('c');
    expect((await h.get('c', v.id)).nodes[0].data.content).toBe('original');
  });
});
