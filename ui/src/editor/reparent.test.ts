import { describe, expect, it } from 'vitest';
import type { KodaNode } from './persisted';
import { reparentDropped } from './reparent';

const group: KodaNode = {
  id: 'g',
  type: 'group',
  position: { x: 100, y: 100 },
  data: { name: 'Group', width: 400, height: 300, childNodeIds: [] },
  width: 400,
  height: 300,
};
const frames: Record<string, { x: number; y: number; width: number; height: number }> = {
  g: { x: 100, y: 100, width: 400, height: 300 },
};
const rectsWith =
  (id: string, rect: { x: number; y: number; width: number; height: number }) => (other: string) =>
    other === id ? rect : (frames[other] ?? null);

describe('reparentDropped (Koda web groups: data.childNodeIds, absolute positions)', () => {
  it('lists a node dropped inside a group as its member, keeping its absolute position', () => {
    const node: KodaNode = { id: 'n', type: 'text', position: { x: 150, y: 160 }, data: {} };
    const result = reparentDropped(
      [group, node],
      ['n'],
      rectsWith('n', { x: 150, y: 160, width: 100, height: 80 }),
    );
    expect(result.find((n) => n.id === 'g')!.data.childNodeIds).toEqual(['n']);
    const moved = result.find((n) => n.id === 'n')!;
    expect(moved.position).toEqual({ x: 150, y: 160 });
    expect(moved.parentId).toBeUndefined();
  });

  it('grows the group (on the node and in data) to hold a node hanging over its edge', () => {
    const node: KodaNode = { id: 'n', type: 'text', position: { x: 250, y: 300 }, data: {} };
    const result = reparentDropped(
      [group, node],
      ['n'],
      rectsWith('n', { x: 250, y: 300, width: 300, height: 200 }),
    );
    const grown = result.find((n) => n.id === 'g')!;
    expect(grown.width).toBe(150 + 300 + 16);
    expect(grown.height).toBe(200 + 200 + 16);
    expect(grown.data).toMatchObject({ width: grown.width, height: grown.height });
    expect(grown.position).toEqual({ x: 100, y: 100 });
  });

  it('takes a member dragged out of its group off the list', () => {
    const member: KodaNode = { id: 'n', type: 'text', position: { x: 600, y: 110 }, data: {} };
    const withMember = { ...group, data: { ...group.data, childNodeIds: ['n', 'other'] } };
    const result = reparentDropped(
      [withMember, member],
      ['n'],
      rectsWith('n', { x: 600, y: 110, width: 100, height: 80 }),
    );
    expect(result.find((n) => n.id === 'g')!.data.childNodeIds).toEqual(['other']);
  });

  it('turns a legacy parentId child dragged out into a top-level node at its absolute position', () => {
    const child: KodaNode = { id: 'n', type: 'text', position: { x: 500, y: 10 }, data: {}, parentId: 'g' };
    const result = reparentDropped(
      [group, child],
      ['n'],
      rectsWith('n', { x: 600, y: 110, width: 100, height: 80 }),
    );
    const moved = result.find((n) => n.id === 'n')!;
    expect(moved.parentId).toBeUndefined();
    expect(moved.position).toEqual({ x: 600, y: 110 });
  });

  it('leaves members of a dragged group, and nodes that crossed no frame, alone', () => {
    const member: KodaNode = { id: 'n', type: 'text', position: { x: 150, y: 150 }, data: {} };
    const withMember = { ...group, data: { ...group.data, childNodeIds: ['n'] } };
    const nodes = [withMember, member];
    expect(
      reparentDropped(nodes, ['g', 'n'], rectsWith('n', { x: 900, y: 900, width: 50, height: 50 })),
    ).toBe(nodes);
    const outside: KodaNode[] = [group, { id: 'm', type: 'text', position: { x: 0, y: 0 }, data: {} }];
    expect(reparentDropped(outside, ['m'], rectsWith('m', { x: 0, y: 0, width: 50, height: 50 }))).toBe(
      outside,
    );
  });
});
