import { describe, expect, it } from 'vitest';
import { copySelection, pasteClipboard } from './clipboard';
import type { KodaEdge, KodaNode } from './persisted';

const nodes: KodaNode[] = [
  { id: 'g', type: 'group', position: { x: 100, y: 100 }, data: {} },
  {
    id: 'a',
    type: 'prompt',
    position: { x: 10, y: 20 },
    data: { text: 'hi' },
    parentId: 'g',
    selected: true,
  },
  {
    id: 'b',
    type: 'imageGenerator',
    position: { x: 400, y: 0 },
    data: {},
    measured: { width: 1, height: 1 },
  },
  { id: 'c', type: 'stickyNote', position: { x: 0, y: 400 }, data: {} },
];
const edges: KodaEdge[] = [
  { id: 'e1', source: 'a', target: 'b', sourceHandle: 'text', targetHandle: 'prompt' },
  { id: 'e2', source: 'b', target: 'c' },
];

let counter = 0;
const makeId = () => `new${++counter}`;

describe('clipboard', () => {
  it('copies the chosen nodes, their inner edges, and a group’s children', () => {
    const content = copySelection(nodes, edges, new Set(['g', 'b']));
    expect(content.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'g']);
    expect(content.edges.map((e) => e.id)).toEqual(['e1']);
    expect(content.nodes.find((n) => n.id === 'b')).not.toHaveProperty('measured');
  });

  it('pastes with fresh ids, an offset, remapped edges and parents', () => {
    counter = 0;
    const content = copySelection(nodes, edges, new Set(['g', 'b']));
    const pasted = pasteClipboard(content, { x: 32, y: 32 }, makeId);
    const ids = new Set(pasted.nodes.map((n) => n.id));
    expect([...ids].some((id) => ['g', 'a', 'b'].includes(id))).toBe(false);
    const group = pasted.nodes.find((n) => n.type === 'group')!;
    const child = pasted.nodes.find((n) => n.type === 'prompt')!;
    expect(group.position).toEqual({ x: 132, y: 132 });
    // The child keeps its place inside the copied group.
    expect(child.parentId).toBe(group.id);
    expect(child.position).toEqual({ x: 10, y: 20 });
    expect(pasted.edges[0].source).toBe(child.id);
    expect(ids.has(pasted.edges[0].target)).toBe(true);
    expect(pasted.nodes.every((n) => n.selected)).toBe(true);
  });

  it('makes a copied child top-level at its absolute position when its group is not copied', () => {
    const content = copySelection(nodes, edges, new Set(['a']));
    const pasted = pasteClipboard(content, { x: 10, y: 10 }, makeId, (n) => ({
      x: n.position.x + 100,
      y: n.position.y + 100,
    }));
    expect(pasted.nodes[0].parentId).toBeUndefined();
    expect(pasted.nodes[0].position).toEqual({ x: 120, y: 130 });
    expect(pasted.edges).toEqual([]);
  });

  it('copies a Koda web group with its members and remaps childNodeIds on paste', () => {
    counter = 0;
    const web: KodaNode[] = [
      {
        id: 'G',
        type: 'group',
        position: { x: 0, y: 0 },
        data: { name: 'Refs', childNodeIds: ['m1', 'm2', 'gone'] },
      },
      { id: 'm1', type: 'media', position: { x: 20, y: 40 }, data: {} },
      { id: 'm2', type: 'text', position: { x: 320, y: 40 }, data: {} },
      { id: 'out', type: 'text', position: { x: 900, y: 0 }, data: {} },
    ];
    const content = copySelection(web, [{ id: 'e', source: 'm1', target: 'm2' }], new Set(['G']));
    expect(content.nodes.map((n) => n.id)).toEqual(['G', 'm1', 'm2']);
    const pasted = pasteClipboard(content, { x: 40, y: 40 }, makeId);
    const [group, m1, m2] = pasted.nodes;
    expect(group.data.childNodeIds).toEqual([m1.id, m2.id]);
    // Members are absolute: everything moves by the offset, no parentId appears.
    expect(m1.position).toEqual({ x: 60, y: 80 });
    expect(m1.parentId).toBeUndefined();
    expect(pasted.edges[0]).toMatchObject({ source: m1.id, target: m2.id });
    // The template is untouched.
    expect(web[0].data.childNodeIds).toEqual(['m1', 'm2', 'gone']);
  });
});
