import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { AutosaveQueue, MAX_REBASES, type SaveStatus } from './autosave';
import { toPersistedNode, type KodaNode } from './persisted';
import type { EditorGraph } from './rebase';

const canvas = (revision: number, nodes: KodaNode[] = []): StoredCanvas => ({
  id: 'c',
  name: 'Canvas',
  createdAt: 1,
  updatedAt: 1,
  nodes: nodes.map(toPersistedNode),
  edges: [],
  revision,
});
const node = (id: string, x = 0): KodaNode => ({ id, type: 'prompt', position: { x, y: 0 }, data: {} });

/** A provider whose applyPatch answers are controlled by the test. */
function fakeProvider(start = 1) {
  let revision = start;
  const calls: { base: number; patch: CanvasPatch }[] = [];
  let failWith: unknown = null;
  let gate: Promise<void> | null = null;
  const provider = {
    calls,
    stored: canvas(start),
    failNext(error: unknown) {
      failWith = error;
    },
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    bumpElsewhere(nodes: KodaNode[]) {
      revision += 1;
      provider.stored = canvas(revision, nodes);
    },
    applyPatch: vi.fn(async (_id: string, base: number, patch: CanvasPatch) => {
      calls.push({ base, patch });
      if (gate) await gate;
      if (failWith) {
        const error = failWith;
        failWith = null;
        throw error;
      }
      if (base !== revision) throw { code: 'conflict', message: 'stale' };
      revision += 1;
      return revision;
    }),
    getCanvas: vi.fn(async () => provider.stored),
  };
  return provider;
}

function setup(provider = fakeProvider()) {
  let state: EditorGraph = { name: 'Canvas', nodes: [], edges: [] };
  const statuses: SaveStatus[] = [];
  const reloads: string[] = [];
  const queue = new AutosaveQueue({
    provider,
    canvasId: 'c',
    initial: canvas(1),
    getCurrent: () => state,
    onStatus: (s) => statuses.push(s),
    onReload: (_canvas, reason, graph, keptEdits) => {
      reloads.push(keptEdits ? `${reason}+kept` : reason);
      state = graph;
    },
  });
  return {
    provider,
    queue,
    statuses,
    reloads,
    set(next: Partial<EditorGraph>) {
      state = { ...state, ...next };
    },
    get state() {
      return state;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('AutosaveQueue', () => {
  it('waits for the debounce before saving', async () => {
    const t = setup();
    t.set({ nodes: [node('a')] });
    t.queue.schedule('structure');
    await vi.advanceTimersByTimeAsync(299);
    expect(t.provider.applyPatch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(t.provider.applyPatch).toHaveBeenCalledTimes(1);
    expect(t.statuses.at(-1)?.state).toBe('saved');
  });

  it('waits longer while typing', async () => {
    const t = setup();
    t.set({ nodes: [node('a')] });
    t.queue.schedule('typing');
    await vi.advanceTimersByTimeAsync(900);
    expect(t.provider.applyPatch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(t.provider.applyPatch).toHaveBeenCalledTimes(1);
  });

  it('coalesces a burst of changes into one patch', async () => {
    const t = setup();
    for (let x = 0; x < 10; x++) {
      t.set({ nodes: [node('a', x)] });
      t.queue.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(300);
    expect(t.provider.calls).toHaveLength(1);
    expect(t.provider.calls[0].patch.upsertNodes[0].position.x).toBe(9);
  });

  it('keeps one request in flight and sends later edits against the new revision', async () => {
    const t = setup();
    const release = t.provider.hold();
    t.set({ nodes: [node('a')] });
    t.queue.schedule();
    await vi.advanceTimersByTimeAsync(300);
    t.set({ nodes: [node('a'), node('b')] });
    t.queue.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(t.provider.calls).toHaveLength(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.provider.calls).toHaveLength(2);
    expect(t.provider.calls[1].base).toBe(2);
    expect(t.provider.calls[1].patch.upsertNodes.map((n) => n.id)).toEqual(['b']);
    expect(t.queue.currentRevision).toBe(3);
  });

  it('flush sends immediately and resolves once stored', async () => {
    const t = setup();
    t.set({ nodes: [node('a')] });
    t.queue.schedule('typing');
    await t.queue.flush();
    expect(t.provider.calls).toHaveLength(1);
    expect(t.queue.hasUnsavedChanges()).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.provider.calls).toHaveLength(1);
  });

  it('sends nothing when only transient fields changed', async () => {
    const t = setup();
    t.set({ nodes: [] });
    t.queue.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(t.provider.applyPatch).not.toHaveBeenCalled();
  });

  it('on conflict rebases: the stored canvas plus the unsaved edits, saved against the new revision', async () => {
    const t = setup();
    t.provider.bumpElsewhere([node('remote')]);
    t.set({ nodes: [node('local')] });
    await t.queue.flush();
    expect(t.provider.getCanvas).toHaveBeenCalled();
    expect(t.reloads).toEqual(['conflict+kept']);
    expect(t.state.nodes.map((n) => n.id)).toEqual(['remote', 'local']);
    // The flush resolved only once the edits were stored on top of the other writer's revision.
    expect(t.provider.calls.map((c) => c.base)).toEqual([1, 2]);
    expect(t.provider.calls[1].patch.upsertNodes.map((n) => n.id)).toEqual(['local']);
    expect(t.provider.calls[1].patch.deleteNodes).toEqual([]);
    expect(t.queue.currentRevision).toBe(3);
    expect(t.queue.hasUnsavedChanges()).toBe(false);
    // "Updated from another device — your edits were kept" stays up until the next edit.
    expect(t.statuses.at(-1)?.state).toBe('conflict');
    t.set({ nodes: [...t.state.nodes, node('next')] });
    t.queue.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(t.provider.calls.at(-1)?.base).toBe(3);
    expect(t.statuses.at(-1)?.state).toBe('saved');
  });

  it('gives up with an error after too many conflicts in a row', async () => {
    const t = setup();
    t.provider.applyPatch.mockImplementation(async () => {
      t.provider.bumpElsewhere([node('busy-writer')]);
      throw { code: 'conflict', message: 'stale' };
    });
    t.set({ nodes: [node('local')] });
    await expect(t.queue.flush()).rejects.toMatchObject({ code: 'conflict' });
    expect(t.provider.applyPatch).toHaveBeenCalledTimes(MAX_REBASES + 1);
    expect(t.statuses.at(-1)?.state).toBe('error');
    expect(t.state.nodes.map((n) => n.id)).toContain('local');
  });

  it('on error keeps the changes, and retry sends them again', async () => {
    const t = setup();
    t.provider.failNext({ code: 'disk_full', message: 'full' });
    t.set({ nodes: [node('a')] });
    await expect(t.queue.flush()).rejects.toMatchObject({ code: 'disk_full' });
    expect(t.statuses.at(-1)).toMatchObject({ state: 'error', error: { code: 'disk_full' } });
    expect(t.queue.hasUnsavedChanges()).toBe(true);
    await t.queue.retry();
    expect(t.provider.calls).toHaveLength(2);
    expect(t.provider.calls[1].patch.upsertNodes.map((n) => n.id)).toEqual(['a']);
    expect(t.statuses.at(-1)?.state).toBe('saved');
    expect(t.queue.hasUnsavedChanges()).toBe(false);
  });

  it('retries by itself after a busy answer', async () => {
    const t = setup();
    t.provider.failNext({ code: 'busy', message: 'locked' });
    t.set({ nodes: [node('a')] });
    t.queue.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(t.statuses.at(-1)?.state).toBe('error');
    await vi.advanceTimersByTimeAsync(1300);
    expect(t.provider.calls).toHaveLength(2);
    expect(t.statuses.at(-1)?.state).toBe('saved');
  });

  it('ignores change events for its own revisions and reloads on foreign ones', async () => {
    const t = setup();
    t.set({ nodes: [node('a')] });
    await t.queue.flush();
    await t.queue.handleExternalChange({ seq: 1, kind: 'patched', canvasId: 'c', revision: 2, at: 0 });
    expect(t.provider.getCanvas).not.toHaveBeenCalled();
    t.provider.bumpElsewhere([node('cli')]);
    await t.queue.handleExternalChange({ seq: 2, kind: 'patched', canvasId: 'c', revision: 3, at: 0 });
    expect(t.reloads).toEqual(['external']);
    expect(t.state.nodes.map((n) => n.id)).toEqual(['cli']);
    expect(t.provider.calls).toHaveLength(1);
  });

  it('updates live from a synced change without dropping unsaved edits, then saves them on the new revision', async () => {
    const t = setup();
    const shared = node('shared');
    t.provider.stored = canvas(1, [shared]);
    const q = new AutosaveQueue({
      provider: t.provider,
      canvasId: 'c',
      initial: canvas(1, [shared]),
      getCurrent: () => t.state,
      onReload: (_c, reason, graph, kept) => (
        t.reloads.push(`${reason}${kept ? '+kept' : ''}`),
        t.set(graph)
      ),
    });
    t.set({ nodes: [node('shared'), node('typing-here')] });
    q.schedule('typing');
    // Another device moved the shared node; sync wrote it as revision 2.
    t.provider.bumpElsewhere([node('shared', 480)]);
    await q.handleExternalChange({ seq: 7, kind: 'synced' as never, canvasId: 'c', revision: 2, at: 0 });
    expect(t.reloads).toEqual(['synced+kept']);
    expect(t.state.nodes.map((n) => [n.id, n.position.x])).toEqual([
      ['shared', 480],
      ['typing-here', 0],
    ]);
    expect(q.currentRevision).toBe(2);
    // The typing debounce then saves only the local edit, against revision 2.
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.provider.calls.at(-1)?.base).toBe(2);
    expect(t.provider.calls.at(-1)?.patch.upsertNodes.map((n) => n.id)).toEqual(['typing-here']);
    expect(q.currentRevision).toBe(3);
  });

  it('handles a change that arrives during a save once the save has landed', async () => {
    const t = setup();
    const release = t.provider.hold();
    t.set({ nodes: [node('a')] });
    const saving = t.queue.flush();
    await vi.advanceTimersByTimeAsync(0);
    // Meanwhile the CLI writes revision 2 (so our save, based on 1, will conflict and rebase).
    t.provider.bumpElsewhere([node('cli')]);
    const external = t.queue.handleExternalChange({
      seq: 1,
      kind: 'patched',
      canvasId: 'c',
      revision: 2,
      at: 0,
    });
    release();
    await saving;
    await external;
    expect(t.state.nodes.map((n) => n.id).sort()).toEqual(['a', 'cli']);
    expect(t.queue.hasUnsavedChanges()).toBe(false);
  });

  it('compares against the editor’s own loaded objects when given a baseline', async () => {
    const provider = fakeProvider();
    const loaded = [node('a')];
    let state: EditorGraph = { name: 'Canvas', nodes: loaded, edges: [] };
    const q = new AutosaveQueue({
      provider,
      canvasId: 'c',
      initial: canvas(1, loaded),
      baseline: state,
      getCurrent: () => state,
    });
    expect(q.hasUnsavedChanges()).toBe(false);
    state = { ...state, nodes: [{ ...loaded[0], measured: { width: 1, height: 1 } }] };
    expect(q.hasUnsavedChanges()).toBe(false);
  });
});
