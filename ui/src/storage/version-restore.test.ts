import { describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { restoredCanvas } from './version-restore';

const node = (id: string, content: string, extra = {}) => ({
  id,
  type: 'text',
  position: { x: 10, y: 20 },
  data: { content },
  ...extra,
});
const edge = (id: string, source: string, target: string) => ({ id, source, target });
const base = { createdAt: 1, updatedAt: 2, revision: 5, id: 'c' };

const version: StoredCanvas = {
  ...base,
  name: 'Old name',
  description: 'old',
  nodes: [
    node('a', 'lighthouse'),
    node('b', 'keeper'),
    node('gone', 'x'),
    node('kid', 'in group', { parentId: 'grp' }),
    { id: 'grp', type: 'group', position: { x: 100, y: 200 }, data: {} },
  ],
  edges: [edge('ab', 'a', 'b'), edge('a-gone', 'a', 'gone'), edge('kid-a', 'kid', 'a')],
};
const current: StoredCanvas = {
  ...base,
  name: 'New name',
  thumbnail: 'data:image/png;base64,xx',
  viewport: { x: 1, y: 2, zoom: 0.5 },
  nodes: [node('b', 'keeper'), node('a', 'harbour'), node('c', 'new')],
  edges: [edge('ca', 'c', 'a'), edge('bc', 'b', 'c')],
};

describe('restoredCanvas', () => {
  it('restores the whole canvas, keeping the current view and thumbnail', () => {
    const next = restoredCanvas(current, version);
    expect(next.nodes).toEqual(version.nodes);
    expect(next.edges).toEqual(version.edges);
    expect(next).toMatchObject({
      name: 'Old name',
      description: 'old',
      thumbnail: current.thumbnail,
      viewport: current.viewport,
    });
    expect(next.nodes).not.toBe(version.nodes);
  });

  it('restores one node in place, with its old edges to nodes that exist now', () => {
    const next = restoredCanvas(current, version, 'a');
    expect(next.nodes.map((n) => [n.id, n.data.content])).toEqual([
      ['b', 'keeper'],
      ['a', 'lighthouse'],
      ['c', 'new'],
    ]);
    // Its current edge (ca) is replaced by its old ones; a-gone and kid-a end at missing nodes.
    expect(next.edges.map((e) => e.id)).toEqual(['bc', 'ab']);
    expect(next.name).toBe('New name');
  });

  it('adds back a node that was deleted since', () => {
    const next = restoredCanvas({ ...current, nodes: [node('b', 'keeper')], edges: [] }, version, 'a');
    expect(next.nodes.map((n) => n.id)).toEqual(['b', 'a']);
    expect(next.edges.map((e) => e.id)).toEqual(['ab']);
  });

  it('puts a node whose parent is gone back at the same place on the canvas', () => {
    const next = restoredCanvas(current, version, 'kid');
    const kid = next.nodes.find((n) => n.id === 'kid') as Record<string, unknown>;
    expect(kid.parentId).toBeUndefined();
    expect(kid.position).toEqual({ x: 110, y: 220 });
  });

  it('says not_found for a node the version does not have', () => {
    expect(() => restoredCanvas(current, version, 'c')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});
