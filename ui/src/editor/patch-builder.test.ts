import { describe, expect, it } from 'vitest';
import { buildPatch } from './patch-builder';
import type { CanvasSnapshot, KodaNode, PersistedNode } from './persisted';

const node = (id: string, x = 0, extra: Partial<KodaNode> = {}): KodaNode => ({
  id,
  type: 'prompt',
  position: { x, y: 0 },
  data: { text: id },
  ...extra,
});
const snap = (
  nodes: KodaNode[],
  edges: CanvasSnapshot['edges'] = [],
  rest: Partial<CanvasSnapshot> = {},
): CanvasSnapshot => ({ name: 'C', nodes, edges, ...rest });

describe('buildPatch', () => {
  it('returns null when nothing changed', () => {
    expect(buildPatch(snap([node('a')]), snap([node('a')]))).toBeNull();
  });

  it('upserts an added node', () => {
    const patch = buildPatch(snap([node('a')]), snap([node('a'), node('b', 50)]));
    expect(patch?.upsertNodes.map((n) => n.id)).toEqual(['b']);
    expect(patch?.deleteNodes).toEqual([]);
  });

  it('upserts a moved node with its new position', () => {
    const patch = buildPatch(snap([node('a', 0)]), snap([node('a', 120)]));
    expect(patch?.upsertNodes).toHaveLength(1);
    expect(patch?.upsertNodes[0].position).toEqual({ x: 120, y: 0 });
  });

  it('upserts a node whose data changed', () => {
    const patch = buildPatch(snap([node('a')]), snap([{ ...node('a'), data: { text: 'new' } }]));
    expect(patch?.upsertNodes[0].data).toEqual({ text: 'new' });
  });

  it('deletes a removed node without also listing its edges', () => {
    const edge = { id: 'e', source: 'a', target: 'b', sourceHandle: 'text', targetHandle: 'prompt' };
    const patch = buildPatch(snap([node('a'), node('b')], [edge]), snap([node('a')], []));
    expect(patch?.deleteNodes).toEqual(['b']);
    expect(patch?.deleteEdges).toEqual([]);
  });

  it('adds and deletes edges', () => {
    const e1 = { id: 'e1', source: 'a', target: 'b' };
    const e2 = { id: 'e2', source: 'b', target: 'a' };
    const patch = buildPatch(snap([node('a'), node('b')], [e1]), snap([node('a'), node('b')], [e2]));
    expect(patch?.upsertEdges.map((e) => e.id)).toEqual(['e2']);
    expect(patch?.deleteEdges).toEqual(['e1']);
  });

  it('reports a changed viewport and name only when they changed', () => {
    const before = snap([], [], { viewport: { x: 0, y: 0, zoom: 1 } });
    expect(buildPatch(before, snap([], [], { viewport: { x: 0, y: 0, zoom: 1 } }))).toBeNull();
    const patch = buildPatch(before, snap([], [], { viewport: { x: 10, y: 0, zoom: 2 }, name: 'Renamed' }));
    expect(patch?.viewport).toEqual({ x: 10, y: 0, zoom: 2 });
    expect(patch?.name).toBe('Renamed');
  });

  it('ignores selection, dragging, measured and resizing', () => {
    const before = snap([node('a')], [{ id: 'e', source: 'a', target: 'a' }]);
    const after = snap(
      [node('a', 0, { selected: true, dragging: true, measured: { width: 10, height: 20 }, resizing: true })],
      [{ id: 'e', source: 'a', target: 'a', selected: true }],
    );
    expect(buildPatch(before, after)).toBeNull();
  });

  it('strips transient fields from upserted nodes but keeps unknown ones', () => {
    const after = snap([
      node('a', 5, {
        selected: true,
        parentId: 'g',
        style: { opacity: 0.5 },
        measured: { width: 1, height: 1 },
      }),
      { ...node('g'), type: 'group' },
    ]);
    const withCustom = {
      ...after,
      nodes: [{ ...after.nodes[0], customField: { keep: true } }, after.nodes[1]],
    };
    const patch = buildPatch(snap([]), withCustom);
    const upserted = patch!.upsertNodes.find((n) => n.id === 'a') as PersistedNode;
    expect(upserted).not.toHaveProperty('selected');
    expect(upserted).not.toHaveProperty('measured');
    expect(upserted.parentId).toBe('g');
    expect(upserted.style).toEqual({ opacity: 0.5 });
    expect(upserted.customField).toEqual({ keep: true });
  });

  it('treats an unknown field changing as a change', () => {
    const patch = buildPatch(
      snap([node('a', 0, { style: { width: 10 } })]),
      snap([node('a', 0, { style: { width: 20 } })]),
    );
    expect((patch?.upsertNodes[0] as PersistedNode).style).toEqual({ width: 20 });
  });

  it('does not see key order or undefined fields as changes', () => {
    const a = { id: 'a', type: 'prompt', position: { x: 1, y: 2 }, data: { one: 1, two: 2 } } as KodaNode;
    const b = {
      data: { two: 2, one: 1 },
      position: { y: 2, x: 1 },
      type: 'prompt',
      id: 'a',
      parentId: undefined,
    } as KodaNode;
    expect(buildPatch(snap([a]), snap([b]))).toBeNull();
  });
});
