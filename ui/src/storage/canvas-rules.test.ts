import { describe, expect, it } from 'vitest';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { copyName, newestFirst, patchedCanvas, recentlyTrashedFirst } from './canvas-rules';

const canvas: StoredCanvas = {
  id: 'c',
  name: 'C',
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
  nodes: [
    { id: 'a', type: 'text', position: { x: 0, y: 0 }, data: {} },
    { id: 'b', type: 'text', position: { x: 0, y: 0 }, data: {} },
  ],
  edges: [],
};
const empty: CanvasPatch = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'ok';
};

describe('canvas rules', () => {
  it('refuses the patches koda-core refuses, before looking at the canvas', () => {
    const patch = (change: Partial<CanvasPatch>) => () =>
      patchedCanvas('c', canvas, 1, { ...empty, ...change }, 2);
    const node = canvas.nodes[0];
    expect(code(patch({ upsertNodes: [node, node] }))).toBe('invalid_input');
    const edge = { id: 'e', source: 'a', target: 'b' };
    expect(code(patch({ upsertEdges: [edge, edge] }))).toBe('invalid_input');
    expect(code(patch({ upsertEdges: [edge], deleteEdges: ['e'] }))).toBe('invalid_input');
    expect(code(patch({ upsertEdges: [edge], deleteNodes: ['b'] }))).toBe('invalid_input');
    expect(code(patch({ upsertEdges: [{ ...edge, source: '' }] }))).toBe('invalid_input');
    expect(code(() => patchedCanvas('x', undefined, 1, { ...empty, name: ' ' }, 2))).toBe('invalid_input');
    expect(code(() => patchedCanvas('x', undefined, 1, empty, 2))).toBe('not_found');
    expect(code(patch({ upsertEdges: [edge] }))).toBe('ok');
  });

  it('never changes the canvas it was given', () => {
    const before = structuredClone(canvas);
    const next = patchedCanvas('c', canvas, 1, { ...empty, deleteNodes: ['a'], name: 'D' }, 2);
    expect(canvas).toEqual(before);
    expect(next).toMatchObject({ name: 'D', revision: 2, updatedAt: 2, nodes: [{ id: 'b' }] });
  });

  it('names copies and sorts lists as koda-core does', () => {
    expect(copyName('Harbour')).toBe('Harbour (copy)');
    expect(copyName('Harbour', null)).toBe('Harbour (copy)');
    expect(copyName('Harbour', '  Quay ')).toBe('Quay');
    const meta = (id: string, updatedAt: number, deletedAt?: number) => ({
      id,
      name: id,
      createdAt: 0,
      updatedAt,
      nodeCount: 0,
      revision: 1,
      deletedAt,
    });
    expect(newestFirst([meta('b', 1), meta('a', 1), meta('c', 2)]).map((m) => m.id)).toEqual(['c', 'a', 'b']);
    expect(
      recentlyTrashedFirst([meta('b', 9, 1), meta('a', 0, 1), meta('c', 0, 2)]).map((m) => m.id),
    ).toEqual(['c', 'a', 'b']);
  });
});
