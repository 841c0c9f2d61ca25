import { describe, expect, it } from 'vitest';
import {
  jsonEqual,
  orderForReactFlow,
  persistedEdgeEqual,
  persistedNodeEqual,
  toPersistedEdge,
  toPersistedNode,
} from './persisted';

describe('orderForReactFlow', () => {
  it('puts groups first and parents before children, keeping the rest in order', () => {
    const nodes = [
      { id: 'child', type: 'prompt', parentId: 'inner' },
      { id: 'x', type: 'prompt' },
      { id: 'inner', type: 'group', parentId: 'outer' },
      { id: 'outer', type: 'group' },
      { id: 'y', type: 'media' },
    ];
    expect(orderForReactFlow(nodes).map((n) => n.id)).toEqual(['outer', 'inner', 'child', 'x', 'y']);
  });

  it('survives a parent cycle without looping', () => {
    const nodes = [
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'a' },
    ];
    expect(
      orderForReactFlow(nodes)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});

describe('persisted forms', () => {
  it('drops transient and undefined fields, keeps the rest', () => {
    const node = toPersistedNode({
      id: 'n',
      type: 'prompt',
      position: { x: 1, y: 2 },
      data: {},
      selected: true,
      dragging: false,
      parentId: undefined,
      style: { color: 'red' },
    });
    expect(Object.keys(node).sort()).toEqual(['data', 'id', 'position', 'style', 'type']);
    expect(
      toPersistedEdge({ id: 'e', source: 'a', target: 'b', sourceHandle: null, selected: true }),
    ).toEqual({ id: 'e', source: 'a', target: 'b' });
  });

  it('compares JSON by value', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});

describe('persistedNodeEqual / persistedEdgeEqual', () => {
  const base = { id: 'n', type: 'prompt', position: { x: 1, y: 2 }, data: { text: 'a' }, width: 280 };
  const variants: Record<string, Record<string, unknown>> = {
    same: { ...base },
    selected: { ...base, selected: true, measured: { width: 1, height: 2 }, dragging: false },
    moved: { ...base, position: { x: 1, y: 3 } },
    sameDataCopy: { ...base, data: { text: 'a' } },
    newText: { ...base, data: { text: 'b' } },
    resized: { ...base, width: 300 },
    parented: { ...base, parentId: 'g' },
    undefinedField: { ...base, parentId: undefined },
    styled: { ...base, style: { color: 'red' } },
    otherType: { ...base, type: 'media' },
  };
  it('agrees with comparing the persisted forms', () => {
    for (const [nameA, a] of Object.entries(variants)) {
      for (const [nameB, b] of Object.entries(variants)) {
        const expected = jsonEqual(toPersistedNode(a as never), toPersistedNode(b as never));
        expect(persistedNodeEqual(a as never, b as never), `${nameA} vs ${nameB}`).toBe(expected);
      }
    }
  });

  it('treats a null handle as none and ignores selection on edges', () => {
    const edge = { id: 'e', source: 'a', target: 'b', sourceHandle: 'text' };
    expect(persistedEdgeEqual(edge, { ...edge, selected: true, targetHandle: null })).toBe(true);
    expect(persistedEdgeEqual(edge, { ...edge, sourceHandle: 'image' })).toBe(false);
    expect(persistedEdgeEqual(edge, { ...edge, type: 'smoothstep' })).toBe(false);
  });
});
