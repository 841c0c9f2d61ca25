import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import {
  groupNodes,
  groupsToDissolve,
  ownersOf,
  setOwner,
  ungroupNodes,
  withMembers,
  withMembersMoved,
  withoutMissingMembers,
} from './groups';
import type { KodaNode } from './persisted';

const node = (id: string, x: number, y: number, extra: Partial<KodaNode> = {}): KodaNode => ({
  id,
  type: 'text',
  position: { x, y },
  data: {},
  ...extra,
});
const group = (
  id: string,
  x: number,
  y: number,
  children: string[],
  extra: Partial<KodaNode> = {},
): KodaNode => ({
  id,
  type: 'group',
  position: { x, y },
  width: 500,
  height: 400,
  data: { name: id, color: '#6366f1', width: 500, height: 400, childNodeIds: children },
  ...extra,
});

describe('group membership', () => {
  const nodes = [
    group('outer', 0, 0, ['inner', 'a']),
    group('inner', 20, 20, ['b']),
    node('a', 300, 30),
    node('b', 40, 60),
    node('legacy', 10, 10, { parentId: 'outer' }),
    node('free', 900, 0),
  ];

  it('knows each member’s group, from childNodeIds or a legacy parentId', () => {
    const owners = ownersOf(nodes);
    expect(owners.get('a')).toBe('outer');
    expect(owners.get('b')).toBe('inner');
    expect(owners.get('inner')).toBe('outer');
    expect(owners.get('legacy')).toBe('outer');
    expect(owners.has('free')).toBe(false);
  });

  it('expands a selection to everything inside the chosen groups', () => {
    expect([...withMembers(nodes, ['outer'])].sort()).toEqual(['a', 'b', 'inner', 'legacy', 'outer']);
    expect([...withMembers(nodes, ['inner', 'free'])].sort()).toEqual(['b', 'free', 'inner']);
  });

  it('moves members by the group’s delta while it is dragged, nested groups included', () => {
    const changes: NodeChange<KodaNode>[] = [
      { type: 'position', id: 'outer', position: { x: 10, y: -5 }, dragging: true },
    ];
    const all = withMembersMoved(changes, nodes);
    const moved = Object.fromEntries(
      all.map((c) => [(c as { id: string }).id, (c as { position: { x: number; y: number } }).position]),
    );
    expect(moved).toEqual({
      outer: { x: 10, y: -5 },
      inner: { x: 30, y: 15 },
      a: { x: 310, y: 25 },
      b: { x: 50, y: 55 },
    });
    // React Flow moves legacy children itself; selected members are moving already.
    expect(all.some((c) => (c as { id: string }).id === 'legacy')).toBe(false);
    const both: NodeChange<KodaNode>[] = [
      ...changes,
      { type: 'position', id: 'a', position: { x: 999, y: 999 } },
    ];
    expect(withMembersMoved(both, nodes).filter((c) => (c as { id: string }).id === 'a')).toHaveLength(1);
    // Moving a plain node, or a group not at all, adds nothing.
    const plain: NodeChange<KodaNode>[] = [{ type: 'position', id: 'free', position: { x: 1, y: 1 } }];
    expect(withMembersMoved(plain, nodes)).toBe(plain);
  });

  it('moves a node into another group or out of all of them', () => {
    const moved = setOwner(nodes, 'free', 'inner');
    expect(moved.find((n) => n.id === 'inner')!.data.childNodeIds).toEqual(['b', 'free']);
    const out = setOwner(moved, 'b', null);
    expect(out.find((n) => n.id === 'inner')!.data.childNodeIds).toEqual(['free']);
    const legacyOut = setOwner(nodes, 'legacy', null);
    expect(legacyOut.find((n) => n.id === 'legacy')).toMatchObject({ position: { x: 10, y: 10 } });
    expect(legacyOut.find((n) => n.id === 'legacy')!.parentId).toBeUndefined();
    expect(setOwner(nodes, 'a', 'outer')).toBe(nodes);
  });

  it('drops members that no longer exist', () => {
    const left = withoutMissingMembers(nodes.filter((n) => n.id !== 'a'));
    expect(left.find((n) => n.id === 'outer')!.data.childNodeIds).toEqual(['inner']);
    const untouched = [group('g', 0, 0, ['x']), node('x', 1, 1)];
    expect(withoutMissingMembers(untouched)).toBe(untouched);
  });
});

describe('groupNodes (⌘G)', () => {
  const rects: Record<string, { x: number; y: number; width: number; height: number }> = {
    a: { x: 100, y: 100, width: 280, height: 120 },
    b: { x: 500, y: 300, width: 420, height: 400 },
  };
  const rectOf = (id: string) => rects[id] ?? null;

  it('frames the chosen nodes in a new Koda web group, listed in childNodeIds, drawn beneath', () => {
    const nodes = [
      node('a', 100, 100, { selected: true }),
      node('b', 500, 300, { selected: true }),
      node('c', 0, 900),
    ];
    const result = groupNodes(nodes, ['a', 'b'], rectOf, () => 'g1')!;
    const made = result.nodes[0];
    expect(result.groupId).toBe('g1');
    expect(made).toMatchObject({
      id: 'g1',
      type: 'group',
      zIndex: -1,
      selected: true,
      position: { x: 68, y: 44 },
    });
    expect(made.data).toEqual({
      name: 'Group 1',
      color: '#6366f1',
      childNodeIds: ['a', 'b'],
      width: 884,
      height: 688,
    });
    expect(made.width).toBe(884);
    expect(made.height).toBe(688);
    // Members keep their absolute positions and are no longer selected.
    expect(result.nodes.find((n) => n.id === 'a')).toMatchObject({
      position: { x: 100, y: 100 },
      selected: false,
    });
  });

  it('takes members out of their old group, and puts the new group in the group they shared', () => {
    const nodes = [
      group('old', 0, 0, ['a', 'b', 'c']),
      node('a', 100, 100),
      node('b', 500, 300),
      node('c', 40, 40),
    ];
    const result = groupNodes(nodes, ['a', 'b'], rectOf, () => 'g2')!;
    expect(result.nodes.find((n) => n.id === 'old')!.data.childNodeIds).toEqual(['c', 'g2']);
  });

  it('keeps a chosen group’s own members inside it', () => {
    const nodes = [group('inner', 80, 80, ['a']), node('a', 100, 100), node('b', 500, 300)];
    const result = groupNodes(
      nodes,
      ['inner', 'a', 'b'],
      (id) => (id === 'inner' ? { x: 80, y: 80, width: 320, height: 160 } : rectOf(id)),
      () => 'g3',
    )!;
    expect(result.nodes[0].data.childNodeIds).toEqual(['inner', 'b']);
    expect(result.nodes.find((n) => n.id === 'inner')!.data.childNodeIds).toEqual(['a']);
  });

  it('refuses when nothing can be framed', () => {
    expect(groupNodes([node('a', 0, 0)], [], rectOf, () => 'x')).toBeNull();
    expect(groupNodes([node('z', 0, 0)], ['z'], rectOf, () => 'x')).toBeNull();
  });
});

describe('ungroupNodes (⇧⌘G)', () => {
  it('removes the group and keeps its members where they are, selected', () => {
    const nodes = [
      group('g', 0, 0, ['a']),
      node('a', 100, 100),
      node('legacy', 10, 20, { parentId: 'g' }),
      node('c', 900, 900, { selected: true }),
    ];
    const result = ungroupNodes(nodes, ['g']);
    expect(result.map((n) => n.id)).toEqual(['a', 'legacy', 'c']);
    expect(result.find((n) => n.id === 'a')).toMatchObject({ position: { x: 100, y: 100 }, selected: true });
    expect(result.find((n) => n.id === 'legacy')).toMatchObject({
      position: { x: 10, y: 20 },
      selected: true,
    });
    expect(result.find((n) => n.id === 'legacy')!.parentId).toBeUndefined();
    expect(result.find((n) => n.id === 'c')!.selected).toBe(false);
  });

  it('hands the members of a nested group to the outer one', () => {
    const nodes = [
      group('outer', 0, 0, ['inner', 'x']),
      group('inner', 20, 20, ['a']),
      node('a', 40, 40),
      node('x', 300, 40),
    ];
    const result = ungroupNodes(nodes, ['inner']);
    expect(result.find((n) => n.id === 'outer')!.data.childNodeIds).toEqual(['x', 'a']);
  });

  it('dissolves the selected groups, else the groups of the selected nodes', () => {
    const nodes = [
      group('g', 0, 0, ['a']),
      group('h', 0, 0, ['b']),
      node('a', 1, 1),
      node('b', 2, 2),
      node('c', 3, 3),
    ];
    expect(groupsToDissolve(nodes, ['h', 'a'])).toEqual(['h']);
    expect(groupsToDissolve(nodes, ['a', 'b', 'c'])).toEqual(['g', 'h']);
    expect(groupsToDissolve(nodes, ['c'])).toEqual([]);
    expect(ungroupNodes(nodes, ['c'])).toBe(nodes);
  });
});
