import type { Edge, InternalNode, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { edgesCut } from '../edge-cut';
import { boxAt, boxesInside, buildOverviewScene, edgePathData, viewRect } from './overview-scene';

/** A React Flow internal node as its lookup holds it. */
function internal(
  id: string,
  type: string,
  at: { x: number; y: number },
  extra: Partial<InternalNode<Node>> = {},
  handles?: {
    source?: { id: string; x: number; y: number }[];
    target?: { id: string; x: number; y: number }[];
  },
): [string, InternalNode<Node>] {
  const bounds = (list: { id: string; x: number; y: number }[] | undefined, type: 'source' | 'target') =>
    list?.map((h) => ({ ...h, width: 10, height: 10, nodeId: id, type, position: 'left' as never })) ?? null;
  return [
    id,
    {
      id,
      type,
      position: at,
      data: {},
      measured: { width: 200, height: 100 },
      internals: {
        positionAbsolute: at,
        z: 0,
        userNode: { id, position: at, data: {} },
        handleBounds: handles
          ? { source: bounds(handles.source, 'source'), target: bounds(handles.target, 'target') }
          : undefined,
      },
      ...extra,
    } as InternalNode<Node>,
  ];
}

describe('the overview scene', () => {
  const lookup = new Map([
    internal('g', 'group', { x: 0, y: 0 }, { measured: { width: 1000, height: 800 } }),
    internal(
      'prompt',
      'text',
      { x: 50, y: 50 },
      { selected: true },
      {
        source: [{ id: 'text', x: 195, y: 40 }],
      },
    ),
    internal(
      'image',
      'imageGenerator',
      { x: 400, y: 50 },
      {},
      {
        target: [
          { id: 'prompt', x: -5, y: 30 },
          { id: 'image-0', x: -5, y: 60 },
        ],
      },
    ),
    internal('note', 'stickyNote', { x: 50, y: 400 }, { data: { color: 'blue' } }),
    internal('future', 'someFutureType', { x: 2000, y: 2000 }, { measured: {}, width: undefined }),
  ]);
  const edges: Edge[] = [
    { id: 'e1', source: 'prompt', target: 'image', targetHandle: 'image-0', className: 'edge--text' },
    { id: 'e2', source: 'prompt', target: 'gone' },
  ];
  const scene = buildOverviewScene(lookup, edges);

  it('draws groups first, then the other nodes in order, each in its kind colour', () => {
    expect(scene.boxes.map((b) => [b.id, b.shape, b.colour])).toEqual([
      ['g', 'group', 'group'],
      ['prompt', 'node', 'prompt'],
      ['image', 'node', 'image'],
      ['note', 'note', 'note-blue'],
      ['future', 'node', 'plugin'],
    ]);
    expect(scene.boxes.find((b) => b.id === 'prompt')?.selected).toBe(true);
  });

  it('sizes an unmeasured node of an unknown type like the close-up view does', () => {
    const future = scene.boxes.find((b) => b.id === 'future')!;
    expect(future.width).toBeGreaterThan(0);
    expect(future.height).toBeGreaterThan(0);
  });

  it('runs edges between the named handles, coloured by what they carry; skips edges to missing nodes', () => {
    expect(scene.edges).toEqual([
      { id: 'e1', from: { x: 250, y: 95 }, to: { x: 400, y: 115 }, colour: 'text', selected: false },
    ]);
  });

  it('picks the node on top, then the group beneath, then nothing', () => {
    expect(boxAt(scene, { x: 60, y: 60 })?.id).toBe('prompt');
    expect(boxAt(scene, { x: 900, y: 700 })?.id).toBe('g');
    expect(boxAt(scene, { x: 1500, y: 1500 })).toBeNull();
  });

  it('selects what lies wholly inside a box', () => {
    const ids = boxesInside(scene, { x: 0, y: 0, width: 700, height: 600 }).map((b) => b.id);
    expect(ids).toEqual(['prompt', 'image', 'note']);
  });

  it('turns the camera into the flow rectangle on screen', () => {
    expect(viewRect([-100, 50, 0.5], 800, 600)).toEqual({ x: 200, y: -100, width: 1600, height: 1200 });
  });

  it('gives painted edges a path the ⌥-drag cut crosses like a drawn edge', () => {
    const edges = scene.edges.map((e) => ({ id: e.id, d: edgePathData(e) }));
    // e1 runs from (250, 95) to (400, 115): a vertical stroke between them crosses it.
    expect(edgesCut({ x: 325, y: 0 }, { x: 325, y: 300 }, edges)).toEqual(['e1']);
    expect(edgesCut({ x: 600, y: 0 }, { x: 600, y: 300 }, edges)).toEqual([]);
  });
});
