import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { CanvasNode } from '../bindings/CanvasNode';
import { BrowserHistory } from './browser-history';
import { CANVASES_KEY, LocalStorageProvider } from './local-storage-provider';
import { MARK_CLOSE as C, MARK_OPEN as O } from './search-text';
import { IndexedDbVersionStore } from './version-store-indexeddb';

/** Storage in a Map (what the browser store needs of localStorage). */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

const MIN = 60_000;
let clock: number;
let provider: LocalStorageProvider;
let storage: Storage;
let ids: number;

const text = (id: string, content: string, x = 0): CanvasNode => ({
  id,
  type: 'text',
  position: { x, y: 0 },
  data: { content },
});
const patch = (change: Partial<CanvasPatch>): CanvasPatch => ({
  upsertNodes: [],
  deleteNodes: [],
  upsertEdges: [],
  deleteEdges: [],
  ...change,
});

beforeEach(() => {
  clock = 1_000 * MIN;
  ids = 0;
  storage = memoryStorage();
  const now = () => clock;
  provider = new LocalStorageProvider({
    storage,
    now,
    makeId: () => `id${++ids}`,
    history: new BrowserHistory(new IndexedDbVersionStore(new IDBFactory()), { now }),
  });
});

/** A canvas with two text nodes and an edge, edited a while ago. */
async function board() {
  const canvas = await provider.createCanvas('Lighthouse board');
  let revision = await provider.applyPatch(
    canvas.id,
    canvas.revision,
    patch({
      upsertNodes: [text('a', 'A lighthouse at dusk'), text('b', 'The keeper', 400)],
      upsertEdges: [{ id: 'ab', source: 'a', target: 'b' }],
    }),
  );
  clock += 5 * MIN;
  return { id: canvas.id, revision: () => revision, set: (r: number) => (revision = r) };
}

describe('LocalStorageProvider: version history', () => {
  it('keeps the settled state before an edit and shows it as it was', async () => {
    const c = await board();
    c.set(
      await provider.applyPatch(c.id, c.revision(), patch({ upsertNodes: [text('a', 'A harbour at noon')] })),
    );
    const versions = await provider.listVersions(c.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      canvasId: c.id,
      source: 'edit',
      revision: 2,
      nodeCount: 2,
      name: 'Lighthouse board',
    });
    const old = await provider.getVersion(c.id, versions[0].id);
    expect(old.nodes.find((n) => n.id === 'a')?.data.content).toBe('A lighthouse at dusk');
    await expect(provider.getVersion(c.id, 12345)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('restores one node with its edges, keeping what it replaced as a version', async () => {
    const c = await board();
    // Node a rewritten and its edge deleted, node b moved; then a restores alone.
    c.set(
      await provider.applyPatch(
        c.id,
        c.revision(),
        patch({ upsertNodes: [text('a', 'Rewritten'), text('b', 'The keeper', 900)], deleteEdges: ['ab'] }),
      ),
    );
    const [version] = await provider.listVersions(c.id);
    clock += MIN;
    const revision = await provider.restoreVersion(c.id, version.id, 'a');
    expect(revision).toBe(c.revision() + 1);
    const now = (await provider.getCanvas(c.id))!;
    expect(now.revision).toBe(revision);
    expect(now.updatedAt).toBe(clock);
    expect(now.nodes.map((n) => [n.id, n.data.content, n.position.x])).toEqual([
      ['a', 'A lighthouse at dusk', 0],
      ['b', 'The keeper', 900],
    ]);
    expect(now.edges.map((e) => e.id)).toEqual(['ab']);
    const versions = await provider.listVersions(c.id);
    expect(versions.map((v) => v.source)).toEqual(['restore', 'edit']);
    const replaced = await provider.getVersion(c.id, versions[0].id);
    expect(replaced.nodes.find((n) => n.id === 'a')?.data.content).toBe('Rewritten');
  });

  it('restores the whole canvas, and says not_found for an unknown version or node', async () => {
    const c = await board();
    c.set(await provider.applyPatch(c.id, c.revision(), patch({ deleteNodes: ['a', 'b'] })));
    const [version] = await provider.listVersions(c.id);
    await expect(provider.restoreVersion(c.id, version.id + 99)).rejects.toMatchObject({ code: 'not_found' });
    await expect(provider.restoreVersion(c.id, version.id, 'zzz')).rejects.toMatchObject({
      code: 'not_found',
    });
    await provider.restoreVersion(c.id, version.id);
    const now = (await provider.getCanvas(c.id))!;
    expect(now.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(now.edges).toHaveLength(1);
  });

  it('keeps what an import of the same id replaces', async () => {
    const c = await board();
    const stored = (await provider.getCanvas(c.id))!;
    await provider.importCanvases([{ ...stored, name: 'Imported', nodes: [text('z', 'zz')], edges: [] }]);
    const [version] = await provider.listVersions(c.id);
    expect(version).toMatchObject({ source: 'import', name: 'Lighthouse board', revision: stored.revision });
    expect((await provider.getCanvas(c.id))?.revision).toBe(stored.revision + 1);
  });

  it('keeps what a whole-canvas save replaces, and forgets versions of a purged canvas', async () => {
    const c = await board();
    const stored = (await provider.getCanvas(c.id))!;
    await provider.saveCanvas({ ...stored, nodes: [], edges: [] });
    expect((await provider.listVersions(c.id)).map((v) => v.source)).toEqual(['import']);
    await provider.trashCanvas(c.id);
    await provider.purgeCanvas(c.id);
    expect(await provider.listVersions(c.id)).toEqual([]);
  });
});

describe('LocalStorageProvider: search', () => {
  it('finds node words and canvas names, follows edits, and leaves the trash out unless asked', async () => {
    const c = await board();
    const hits = await provider.search({ text: 'lighthou' });
    expect(hits.map((h) => h.nodeId)).toEqual([null, 'a']);
    expect(hits[1]).toMatchObject({
      canvasId: c.id,
      canvasName: 'Lighthouse board',
      nodeType: 'text',
      trashed: false,
    });
    expect(hits[1].snippet).toBe(`A ${O}lighthouse${C} at dusk`);
    await provider.applyPatch(c.id, c.revision(), patch({ upsertNodes: [text('b', 'Un café noir', 400)] }));
    expect((await provider.search({ text: 'CAFE' }))[0]).toMatchObject({ nodeId: 'b' });
    await provider.trashCanvas(c.id);
    expect(await provider.search({ text: 'cafe' })).toEqual([]);
    expect((await provider.search({ text: 'cafe', includeTrash: true }))[0]).toMatchObject({ trashed: true });
    expect(await provider.search({ text: '"NEAR" -*' })).toEqual([]);
    expect(storage.getItem(CANVASES_KEY)).toContain('café');
  });
});
