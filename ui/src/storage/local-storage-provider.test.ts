import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import { BrowserAssetStore } from './browser-asset-store';
import { CANVASES_KEY, LocalStorageProvider, TRASH_KEY } from './local-storage-provider';

/** An in-memory Storage, optionally with a quota in characters. */
class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  constructor(private quota = Infinity) {}
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    let used = value.length;
    for (const [k, v] of this.map) if (k !== key) used += v.length;
    if (used > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(key, value);
  }
}

const empty: CanvasPatch = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };

let storage: MemoryStorage;
let clock: number;
let provider: LocalStorageProvider;
let counter: number;

beforeEach(() => {
  storage = new MemoryStorage();
  clock = 1000;
  counter = 0;
  provider = new LocalStorageProvider({ storage, now: () => clock, makeId: () => `id${++counter}` });
});

describe('LocalStorageProvider', () => {
  it('creates, reads, renames and saves canvases', async () => {
    const created = await provider.createCanvas('Moodboard');
    expect(created).toMatchObject({ id: 'id1', name: 'Moodboard', revision: 1, nodes: [], edges: [] });
    expect(await provider.getCanvas('id1')).toMatchObject({ name: 'Moodboard' });
    expect(await provider.getCanvas('missing')).toBeNull();
    expect(await provider.renameCanvas('id1', 'Storyboard')).toBe(2);
    const revision = await provider.saveCanvas({
      ...created,
      name: 'Saved',
      nodes: [{ id: 'n', type: 'text', position: { x: 1, y: 2 }, data: {} }],
    });
    expect(revision).toBe(3);
    expect((await provider.getCanvas('id1'))?.nodes).toHaveLength(1);
  });

  it('keeps a thumbnail picture as a PNG data: URL on the canvas', async () => {
    await provider.createCanvas('Pictured');
    const url = await provider.setThumbnailImage('id1', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(url).toBe('data:image/png;base64,iVBORw==');
    expect((await provider.listCanvases())[0].thumbnail).toBe(url);
    await provider.setThumbnail('id1', null);
    expect((await provider.listCanvases())[0].thumbnail).toBeUndefined();
  });

  it('keeps the web format in spaces-canvases', async () => {
    await provider.createCanvas('A');
    await provider.trashCanvas('id1');
    const raw = JSON.parse(storage.getItem(CANVASES_KEY)!);
    expect(Array.isArray(raw)).toBe(true);
    expect(raw[0]).not.toHaveProperty('deletedAt');
    expect(JSON.parse(storage.getItem(TRASH_KEY)!)).toEqual({ id1: 1000 });
  });

  it('lists newest first with real node counts', async () => {
    await provider.createCanvas('Old');
    clock = 2000;
    const newer = await provider.createCanvas('New');
    clock = 3000;
    await provider.applyPatch(newer.id, 1, {
      ...empty,
      upsertNodes: [
        { id: 'a', type: 'text', position: { x: 0, y: 0 }, data: {} },
        { id: 'b', type: 'text', position: { x: 0, y: 0 }, data: {} },
      ],
    });
    const list = await provider.listCanvases();
    expect(list.map((c) => c.name)).toEqual(['New', 'Old']);
    expect(list.map((c) => c.nodeCount)).toEqual([2, 0]);
    clock = 4000;
    await provider.renameCanvas('id1', 'Old renamed');
    expect((await provider.listCanvases()).map((c) => c.name)).toEqual(['Old renamed', 'New']);
  });

  it('moves to trash, restores and purges', async () => {
    await provider.createCanvas('A');
    await provider.createCanvas('B');
    clock = 5000;
    await provider.trashCanvas('id1');
    expect((await provider.listCanvases()).map((c) => c.id)).toEqual(['id2']);
    const trash = await provider.listTrash();
    expect(trash).toHaveLength(1);
    expect(trash[0]).toMatchObject({ id: 'id1', deletedAt: 5000 });
    await provider.restoreCanvas('id1');
    expect(await provider.listTrash()).toEqual([]);
    expect(await provider.listCanvases()).toHaveLength(2);
    await provider.trashCanvas('id2');
    await provider.purgeCanvas('id2');
    expect(await provider.getCanvas('id2')).toBeNull();
    expect(await provider.listTrash()).toEqual([]);
    await expect(provider.purgeCanvas('id2')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('applies patches and refuses stale ones with a conflict', async () => {
    const c = await provider.createCanvas('A');
    const r2 = await provider.applyPatch(c.id, 1, {
      ...empty,
      upsertNodes: [{ id: 'a', type: 'text', position: { x: 0, y: 0 }, data: { content: 'hi' } }],
    });
    expect(r2).toBe(2);
    await expect(provider.applyPatch(c.id, 1, { ...empty, name: 'Stale' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await provider.getCanvas(c.id))?.name).toBe('A');
    const r3 = await provider.applyPatch(c.id, 2, {
      ...empty,
      viewport: { x: 1, y: 2, zoom: 1.5 },
      name: 'Fresh',
    });
    expect(r3).toBe(3);
    expect(await provider.getCanvas(c.id)).toMatchObject({
      name: 'Fresh',
      viewport: { x: 1, y: 2, zoom: 1.5 },
      revision: 3,
    });
  });

  it('deleting a node deletes its edges; edges to missing nodes are refused', async () => {
    const c = await provider.createCanvas('A');
    const nodes = ['a', 'b'].map((id) => ({ id, type: 'text', position: { x: 0, y: 0 }, data: {} }));
    await provider.applyPatch(c.id, 1, {
      ...empty,
      upsertNodes: nodes,
      upsertEdges: [{ id: 'e', source: 'a', target: 'b' }],
    });
    await provider.applyPatch(c.id, 2, { ...empty, deleteNodes: ['b'] });
    expect((await provider.getCanvas(c.id))?.edges).toEqual([]);
    await expect(
      provider.applyPatch(c.id, 3, { ...empty, upsertEdges: [{ id: 'x', source: 'a', target: 'ghost' }] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('keeps unknown node fields verbatim', async () => {
    const c = await provider.createCanvas('A');
    const node = {
      id: 'a',
      type: 'text',
      position: { x: 0, y: 0 },
      data: {},
      parentId: 'g',
      style: { opacity: 0.4 },
    };
    await provider.applyPatch(c.id, 1, {
      ...empty,
      upsertNodes: [{ id: 'g', type: 'group', position: { x: 0, y: 0 }, data: {} }, node],
    });
    expect((await provider.getCanvas(c.id))?.nodes[1]).toEqual(node);
  });

  it('duplicates with new id and content copy', async () => {
    const c = await provider.createCanvas('A');
    await provider.applyPatch(c.id, 1, {
      ...empty,
      upsertNodes: [{ id: 'a', type: 'text', position: { x: 0, y: 0 }, data: {} }],
    });
    const copy = await provider.duplicateCanvas(c.id);
    expect(copy.id).not.toBe(c.id);
    expect(copy.name).toBe('A (copy)');
    expect(copy.nodes).toHaveLength(1);
    expect(await provider.listCanvases()).toHaveLength(2);
  });

  it('round-trips export and import', async () => {
    const c = await provider.createCanvas('A');
    await provider.applyPatch(c.id, 1, {
      ...empty,
      upsertNodes: [{ id: 'a', type: 'text', position: { x: 3, y: 4 }, data: { content: 'x' } }],
    });
    const exported = await provider.exportAll();
    const other = new LocalStorageProvider({ storage: new MemoryStorage(), now: () => clock });
    expect(await other.importCanvases(exported)).toBe(1);
    const imported = await other.getCanvas(c.id);
    expect(imported?.nodes).toEqual(exported[0].nodes);
    expect(imported?.name).toBe('A');
    // Importing again replaces it (as koda-core): same id, the next revision, no second copy.
    await other.importCanvases(exported);
    expect(await other.listCanvases()).toHaveLength(1);
    expect((await other.getCanvas(c.id))?.revision).toBe(2);
  });

  it('replaces a canvas whose id is already stored at the next revision, keeping the file’s time', async () => {
    const c = await provider.createCanvas('Mine');
    await provider.applyPatch(c.id, 1, {
      ...empty,
      upsertNodes: [{ id: 'a', type: 'text', position: { x: 0, y: 0 }, data: { content: 'mine' } }],
    });
    const file = {
      id: c.id,
      name: 'Theirs',
      createdAt: 1,
      updatedAt: 5,
      revision: 7,
      nodes: [{ id: 'b', type: 'text', position: { x: 1, y: 2 }, data: { content: 'theirs' } }],
      edges: [],
    };
    expect(await provider.importCanvases([file])).toBe(1);
    const stored = await provider.getCanvas(c.id);
    expect(stored).toMatchObject({ name: 'Theirs', updatedAt: 5, revision: 3 });
    expect(stored?.nodes.map((n) => n.id)).toEqual(['b']);
    expect(await provider.listCanvases()).toHaveLength(1);
  });

  it('refuses invalid imports with the offending path', async () => {
    const bad = {
      id: 'x',
      name: 'Bad',
      createdAt: 1,
      updatedAt: 1,
      nodes: [],
      edges: [{ id: 'e', source: 'a', target: 'b' }],
      revision: 0,
    };
    await expect(provider.importCanvases([bad])).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('edges[0].source'),
    });
  });

  it('turns a quota error into disk_full and writes nothing', async () => {
    const small = new MemoryStorage(200);
    const p = new LocalStorageProvider({ storage: small, makeId: () => 'c' });
    await p.createCanvas('A');
    const big = { id: 'n', type: 'text', position: { x: 0, y: 0 }, data: { content: 'x'.repeat(500) } };
    await expect(p.applyPatch('c', 1, { ...empty, upsertNodes: [big] })).rejects.toMatchObject({
      code: 'disk_full',
    });
    expect((await p.getCanvas('c'))?.nodes).toEqual([]);
  });

  it('stores settings with defaults and the profile', async () => {
    const settings = await provider.getSettings();
    expect(settings.canvas.gridSize).toBe(16);
    await provider.setSettings({ ...settings, theme: 'light' });
    expect((await provider.getSettings()).theme).toBe('light');
    await provider.setProfile({ id: 'local', name: 'Ada', email: 'ada@example.com' });
    expect(await provider.getProfile()).toMatchObject({ name: 'Ada' });
    expect((await provider.storageInfo()).databaseBytes).toBeGreaterThan(0);
  });

  it('describes another tab’s writes as change events', () => {
    const before = JSON.stringify([{ id: 'a', revision: 1, updatedAt: 1 }]);
    const after = JSON.stringify([
      { id: 'a', revision: 2, updatedAt: 2 },
      { id: 'b', revision: 1, updatedAt: 2 },
    ]);
    const events = provider.describeStorageEvent(CANVASES_KEY, before, after);
    expect(events.map((e) => [e.kind, e.canvasId, e.revision])).toEqual([
      ['saved', 'a', 2],
      ['created', 'b', 1],
    ]);
  });

  it('keeps dropped media in IndexedDB behind koda-asset:// references', async () => {
    const assets = new BrowserAssetStore({ indexedDB: new IDBFactory(), now: () => clock, graceMs: 0 });
    const withAssets = new LocalStorageProvider({
      storage,
      now: () => clock,
      makeId: () => `id${++counter}`,
      assets,
    });
    // jsdom has no object URLs.
    const original = URL.createObjectURL;
    URL.createObjectURL = vi.fn(() => 'blob:koda/1');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7]);

    const record = await withAssets.addAsset!(png, { filename: 'shot.png' });
    const ref = `koda-asset://${record.localBlobKey}`;
    const kept = await withAssets.createCanvas('Kept');
    const doomed = await withAssets.createCanvas('Doomed');
    await withAssets.applyPatch(doomed.id, doomed.revision, {
      ...empty,
      upsertNodes: [{ id: 'm', type: 'media', position: { x: 0, y: 0 }, data: { type: 'image', url: ref } }],
    });

    // Shown through one blob: URL …
    expect(await withAssets.resolveAssetUrl(ref)).toBe('blob:koda/1');
    expect(withAssets.cachedAssetUrl(ref)).toBe('blob:koda/1');
    // … exported with the file inlined, so the export is complete on its own …
    const exported = await withAssets.exportAll();
    expect(exported.find((c) => c.id === doomed.id)?.nodes[0].data.url).toBe(
      'data:image/png;base64,iVBORw0KGgoHBw==',
    );
    expect(JSON.parse(storage.getItem(CANVASES_KEY)!)[1].nodes[0].data.url).toBe(ref);
    // … and collected once the only canvas using it is purged.
    clock += 1;
    await withAssets.purgeCanvas(kept.id);
    expect(await assets.keys()).toEqual([record.localBlobKey]);
    await withAssets.purgeCanvas(doomed.id);
    expect(await assets.keys()).toEqual([]);
    URL.createObjectURL = original;
  });

  it('brings canvases of the old desktop model to Koda web’s once, and leaves Koda web canvases alone', async () => {
    const legacy = {
      id: 'old',
      name: 'Old',
      createdAt: 1,
      updatedAt: 2,
      revision: 3,
      nodes: [
        { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'a storm' } },
        { id: 'i', type: 'imageGenerator', position: { x: 300, y: 0 }, data: { model: 'Imagen 4' } },
      ],
      edges: [{ id: 'e', source: 'p', sourceHandle: 'text', target: 'i', targetHandle: 'prompt' }],
    };
    const web = {
      id: 'web',
      name: 'Web',
      createdAt: 1,
      updatedAt: 2,
      nodes: [
        { id: 't', type: 'text', position: { x: 0, y: 0 }, data: { content: 'dusk' } },
        {
          id: 'm',
          type: 'media',
          position: { x: 0, y: 200 },
          data: { url: 'https://x.test/a.png', type: 'image' },
        },
        { id: 'i', type: 'imageGenerator', position: { x: 300, y: 0 }, data: { model: 'nanobanana-2' } },
      ],
      // Koda web's templates name a media source `image`: kept as it is.
      edges: [{ id: 'e', source: 'm', sourceHandle: 'image', target: 'i', targetHandle: 'reference' }],
    };
    const webJson = JSON.stringify(web);
    storage.setItem(CANVASES_KEY, JSON.stringify([legacy, web]));
    const fresh = new LocalStorageProvider({ storage, now: () => clock });
    const upgraded = await fresh.getCanvas('old');
    expect(upgraded?.nodes[0]).toEqual({
      id: 'p',
      type: 'text',
      position: { x: 0, y: 0 },
      data: { content: 'a storm' },
    });
    expect(upgraded?.nodes[1].data.model).toBe('nanobanana-pro');
    expect(upgraded?.edges[0]).toMatchObject({ sourceHandle: 'output', targetHandle: 'text' });
    // Written back once, revision and time untouched; the Koda web canvas byte for byte as it was.
    const stored = JSON.parse(storage.getItem(CANVASES_KEY)!);
    expect(stored[0]).toMatchObject({
      revision: 3,
      updatedAt: 2,
      nodes: [{ type: 'text' }, { data: { model: 'nanobanana-pro' } }],
    });
    expect(JSON.stringify(stored[1])).toBe(webJson);
  });

  it('upgrades imported files of the old desktop model', async () => {
    const file = {
      id: 'f',
      name: 'File',
      createdAt: 1,
      updatedAt: 1,
      revision: 0,
      nodes: [{ id: 'n', type: 'stickyNote', position: { x: 0, y: 0 }, data: { text: 'hi', color: 'pink' } }],
      edges: [],
    };
    await provider.importCanvases([file]);
    expect((await provider.getCanvas('f'))?.nodes[0].data).toEqual({ content: 'hi', color: 'pink' });
  });

  it('shows remote media by its own URL (a browser may load it)', async () => {
    expect(await provider.showRemoteMedia('https://cdn.test/a.png')).toEqual({
      url: 'https://cdn.test/a.png',
    });
  });
});
