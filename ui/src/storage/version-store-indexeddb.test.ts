import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { chunkKey, IndexedDbVersionStore } from './version-store-indexeddb';

const nodes = (n: number, changed = '') =>
  Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    type: 'text',
    position: { x: i * 10, y: 0 },
    data: { content: i === 0 ? `first${changed}` : `node ${i}` },
  }));
const canvas = (changed: string, extra: Partial<StoredCanvas> = {}): StoredCanvas => ({
  id: 'c',
  name: 'Board',
  createdAt: 1,
  updatedAt: 2,
  revision: 3,
  thumbnail: 'data:image/png;base64,AAAA',
  nodes: nodes(20, changed),
  edges: [{ id: 'e', source: 'n0', target: 'n1' }],
  ...extra,
});
const meta = (revision: number, at: number, canvasId = 'c') => ({
  canvasId,
  at,
  source: 'edit' as const,
  revision,
  name: 'Board',
  nodeCount: 20,
});

describe('IndexedDbVersionStore (fake IndexedDB)', () => {
  it('round-trips a canvas without its thumbnail, listing newest first', async () => {
    const store = new IndexedDbVersionStore(new IDBFactory());
    const a = await store.add(meta(3, 100), canvas(''));
    const b = await store.add(meta(4, 200), canvas('!'));
    expect(b).toBeGreaterThan(a);
    expect((await store.list('c')).map((v) => [v.id, v.revision])).toEqual([
      [b, 4],
      [a, 3],
    ]);
    const { thumbnail, ...expected } = canvas('!');
    expect(thumbnail).toBeDefined();
    expect(await store.get('c', b)).toEqual(expected);
    expect(await store.get('other', b)).toBeNull();
    expect(await store.get('c', 999)).toBeNull();
  });

  it('stores a node that did not change once, and frees what no version uses', async () => {
    const store = new IndexedDbVersionStore(new IDBFactory());
    const a = await store.add(meta(3, 100), canvas(''));
    expect(await store.chunkCount()).toBe(21);
    const b = await store.add(meta(4, 200), canvas('!'));
    // One changed node and the same head: one new chunk.
    expect(await store.chunkCount()).toBe(22);
    const c = await store.add(meta(5, 300), canvas('?', { name: 'Renamed' }));
    expect(await store.chunkCount()).toBe(24);
    await store.remove('c', [a, b]);
    expect(await store.chunkCount()).toBe(21);
    expect((await store.get('c', c))?.name).toBe('Renamed');
    await store.remove('c', [c]);
    expect(await store.chunkCount()).toBe(0);
    expect(await store.all()).toEqual([]);
  });

  it('counts a node used twice in one version, and ignores ids of other canvases', async () => {
    const store = new IndexedDbVersionStore(new IDBFactory());
    const twin = canvas('', { nodes: [nodes(1)[0], nodes(1)[0]] });
    const id = await store.add(meta(1, 1), twin);
    await store.remove('someone-else', [id]);
    expect((await store.get('c', id))?.nodes).toHaveLength(2);
    await store.remove('c', [id]);
    expect(await store.chunkCount()).toBe(0);
  });

  it('names chunks by content', () => {
    expect(chunkKey('abc')).toBe(chunkKey('abc'));
    expect(chunkKey('abc')).not.toBe(chunkKey('abd'));
    expect(chunkKey('')).toMatch(/^[0-9a-f]{16}-0$/);
  });
});
