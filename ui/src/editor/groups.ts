import type { NodeChange } from '@xyflow/react';
import type { KodaNode } from './persisted';

/**
 * Groups as Koda web keeps them (docs/koda-web-format.md §2): a `group` node lists its members
 * in `data.childNodeIds`; every node keeps its absolute position and no `parentId`; moving a
 * group moves its members by the same delta. Canvases written by older Koda Desktop versions
 * used React Flow's `parentId` (positions relative to the group): those still work (React Flow
 * moves them) and become Koda web members the first time they are regrouped or dragged out.
 */

/** Rectangles in flow coordinates, for dropping nodes into groups. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GroupCandidate {
  id: string;
  rect: Rect;
}

/** Absolute rectangle of a node, as React Flow measured it. */
export type RectOf = (id: string) => Rect | null;

/** Koda web's default group colour and the palette it offers. */
export const GROUP_COLOR = '#6366f1';
/** Room kept around the members of a group made with ⌘G; more on top, where the label sits. */
export const GROUP_MARGIN = { side: 32, top: 56 };

/** The smallest group whose frame holds the centre of `rect`, or null. */
export function findContainingGroup(
  rect: Rect,
  groups: readonly GroupCandidate[],
  excludeId?: string,
): string | null {
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  let best: GroupCandidate | null = null;
  for (const group of groups) {
    if (group.id === excludeId) continue;
    const r = group.rect;
    const inside = cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height;
    if (inside && (!best || r.width * r.height < best.rect.width * best.rect.height)) best = group;
  }
  return best?.id ?? null;
}

/** A group's members as listed in `data.childNodeIds` (strings only; anything else ignored). */
export function childIdsOf(node: Pick<KodaNode, 'type' | 'data'>): string[] {
  if (node.type !== 'group') return [];
  const ids = (node.data as { childNodeIds?: unknown } | undefined)?.childNodeIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** Member id → the group that holds it: `data.childNodeIds` first, then a legacy `parentId`. */
export function ownersOf(nodes: readonly KodaNode[]): Map<string, string> {
  const ids = new Set(nodes.map((n) => n.id));
  const owners = new Map<string, string>();
  for (const node of nodes) {
    for (const child of childIdsOf(node))
      if (ids.has(child) && child !== node.id && !owners.has(child)) owners.set(child, node.id);
  }
  for (const node of nodes)
    if (node.parentId && ids.has(node.parentId) && !owners.has(node.id)) owners.set(node.id, node.parentId);
  return owners;
}

/** `ids` plus everything inside the groups among them, however deep (cycles are harmless). */
export function withMembers(nodes: readonly KodaNode[], ids: Iterable<string>): Set<string> {
  const owners = ownersOf(nodes);
  const result = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, owner] of owners) {
      if (result.has(owner) && !result.has(child)) {
        result.add(child);
        grew = true;
      }
    }
  }
  return result;
}

/**
 * React Flow moves the nodes being dragged; a group's members (by `childNodeIds`) must follow
 * it. Adds a position change, by the group's delta, for every member not moving already
 * (nested groups carry their own members along). Legacy `parentId` children need nothing:
 * their positions are relative, React Flow moves them.
 */
export function withMembersMoved(
  changes: NodeChange<KodaNode>[],
  nodes: readonly KodaNode[],
): NodeChange<KodaNode>[] {
  // Selection and measurement batches (most of them, on a big canvas) cost nothing here.
  if (!changes.some((c) => c.type === 'position' && c.position)) return changes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const moving = new Map<string, { x: number; y: number; dragging?: boolean }>();
  for (const change of changes) {
    if (change.type !== 'position' || !change.position) continue;
    const node = byId.get(change.id);
    if (!node || node.type !== 'group') continue;
    const dx = change.position.x - node.position.x;
    const dy = change.position.y - node.position.y;
    if (dx !== 0 || dy !== 0) moving.set(change.id, { x: dx, y: dy, dragging: change.dragging });
  }
  if (moving.size === 0) return changes;
  const already = new Set(changes.filter((c) => c.type === 'position').map((c) => (c as { id: string }).id));
  const extra: NodeChange<KodaNode>[] = [];
  const queue = [...moving.keys()];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const groupId = queue.shift()!;
    const delta = moving.get(groupId)!;
    for (const childId of childIdsOf(byId.get(groupId)!)) {
      const child = byId.get(childId);
      if (!child || child.parentId || already.has(childId) || seen.has(childId)) continue;
      seen.add(childId);
      extra.push({
        type: 'position',
        id: childId,
        position: { x: child.position.x + delta.x, y: child.position.y + delta.y },
        dragging: delta.dragging,
      });
      if (child.type === 'group') {
        moving.set(childId, delta);
        queue.push(childId);
      }
    }
  }
  return extra.length > 0 ? [...changes, ...extra] : changes;
}

/** A group's frame size, kept both on the node (React Flow) and in `data` (Koda web). */
export function withGroupSize(group: KodaNode, width: number, height: number): KodaNode {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  if (group.width === w && group.height === h && group.data.width === w && group.data.height === h)
    return group;
  return { ...group, width: w, height: h, data: { ...group.data, width: w, height: h } };
}

/** The node with `childId` added to or removed from its `childNodeIds`. */
function withChild(group: KodaNode, childId: string, present: boolean): KodaNode {
  const current = childIdsOf(group);
  if (current.includes(childId) === present) return group;
  const next = present ? [...current, childId] : current.filter((id) => id !== childId);
  return { ...group, data: { ...group.data, childNodeIds: next } };
}

/** Absolute position of a node (adding up legacy `parentId` offsets). */
/** Absolute flow position of a node, adding up its (older, `parentId`) parents' positions. */
export function absolutePositionIn(nodes: readonly KodaNode[]): (node: KodaNode) => { x: number; y: number } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (node) => {
    let { x, y } = node.position;
    let parent = node.parentId ? byId.get(node.parentId) : undefined;
    const seen = new Set<string>();
    while (parent && !seen.has(parent.id)) {
      seen.add(parent.id);
      x += parent.position.x;
      y += parent.position.y;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    return { x, y };
  };
}

/** A node as a Koda web member: absolute position, no `parentId`. */
function detached(node: KodaNode, absolute: (node: KodaNode) => { x: number; y: number }): KodaNode {
  if (!node.parentId) return node;
  const copy: KodaNode = { ...node, position: absolute(node) };
  delete copy.parentId;
  delete copy.extent;
  return copy;
}

/**
 * Moves one node into `groupId` (or out of every group with null): off its old group's list,
 * onto the new one's, absolute position. Returns the same array when nothing changes.
 */
export function setOwner(nodes: readonly KodaNode[], nodeId: string, groupId: string | null): KodaNode[] {
  const owners = ownersOf(nodes);
  const node = nodes.find((n) => n.id === nodeId);
  if (!node || (owners.get(nodeId) ?? null) === groupId) return nodes as KodaNode[];
  const absolute = absolutePositionIn(nodes);
  return nodes.map((n) => {
    if (n.id === nodeId) return detached(n, absolute);
    if (n.type !== 'group') return n;
    return withChild(n, nodeId, n.id === groupId);
  });
}

/** Ids of groups a selection asks ⇧⌘G to dissolve: the selected groups, else the groups of the selected nodes. */
export function groupsToDissolve(nodes: readonly KodaNode[], selectedIds: readonly string[]): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const groups = selectedIds.filter((id) => byId.get(id)?.type === 'group');
  if (groups.length > 0) return groups;
  const owners = ownersOf(nodes);
  return [...new Set(selectedIds.map((id) => owners.get(id)).filter((id): id is string => id !== undefined))];
}

export interface GroupResult {
  nodes: KodaNode[];
  groupId: string;
}

/**
 * ⌘G: a new group framing `ids` (their measured rectangles, `rectOf`), listing them in
 * `childNodeIds`. Members leave any group they were in; the new group joins the group they all
 * shared, if any. Drawn beneath everything (first, `zIndex` -1, like Koda web). Null when no
 * chosen node can be framed.
 */
export function groupNodes(
  nodes: readonly KodaNode[],
  ids: readonly string[],
  rectOf: RectOf,
  makeId: () => string,
): GroupResult | null {
  const owners = ownersOf(nodes);
  const chosenIds = new Set(ids.filter((id) => nodes.some((n) => n.id === id)));
  /** Inside a chosen group: it comes along with that group and stays its member. */
  const underChosen = (id: string) => {
    const seen = new Set<string>();
    for (let owner = owners.get(id); owner && !seen.has(owner); owner = owners.get(owner)) {
      if (chosenIds.has(owner)) return true;
      seen.add(owner);
    }
    return false;
  };
  const members = nodes.filter((n) => chosenIds.has(n.id) && !underChosen(n.id));
  const rects = members.map((n) => rectOf(n.id)).filter((r): r is Rect => r !== null);
  if (members.length === 0 || rects.length === 0) return null;
  const minX = Math.min(...rects.map((r) => r.x));
  const minY = Math.min(...rects.map((r) => r.y));
  const maxX = Math.max(...rects.map((r) => r.x + r.width));
  const maxY = Math.max(...rects.map((r) => r.y + r.height));
  const sharedOwners = new Set(members.map((n) => owners.get(n.id) ?? null));
  const outer = sharedOwners.size === 1 ? [...sharedOwners][0] : null;
  const groupCount = nodes.filter((n) => n.type === 'group').length;
  const groupId = makeId();
  const x = Math.round(minX - GROUP_MARGIN.side);
  const y = Math.round(minY - GROUP_MARGIN.top);
  const group = withGroupSize(
    {
      id: groupId,
      type: 'group',
      position: { x, y },
      zIndex: -1,
      selected: true,
      data: { name: `Group ${groupCount + 1}`, color: GROUP_COLOR, childNodeIds: members.map((n) => n.id) },
    },
    maxX + GROUP_MARGIN.side - x,
    maxY + GROUP_MARGIN.side - y,
  );
  const memberIds = new Set(members.map((n) => n.id));
  const absolute = absolutePositionIn(nodes);
  const rest = nodes.map((n) => {
    let next = memberIds.has(n.id)
      ? { ...detached(n, absolute), selected: false }
      : n.selected
        ? { ...n, selected: false }
        : n;
    if (next.type === 'group') {
      for (const id of memberIds) next = withChild(next, id, false);
      if (next.id === outer) next = withChild(next, groupId, true);
    }
    return next;
  });
  return { nodes: [group, ...rest], groupId };
}

/**
 * ⇧⌘G: removes the groups and keeps what was in them, where it is (selected). Members of a
 * group that was itself in a group move up to that outer group.
 */
export function ungroupNodes(nodes: readonly KodaNode[], groupIds: readonly string[]): KodaNode[] {
  const dissolving = new Set(groupIds.filter((id) => nodes.some((n) => n.id === id && n.type === 'group')));
  if (dissolving.size === 0) return nodes as KodaNode[];
  const owners = ownersOf(nodes);
  const absolute = absolutePositionIn(nodes);
  /** The nearest owner that stays. */
  const keptOwner = (id: string): string | null => {
    let owner = owners.get(id);
    const seen = new Set<string>();
    while (owner && dissolving.has(owner) && !seen.has(owner)) {
      seen.add(owner);
      owner = owners.get(owner);
    }
    return owner && !dissolving.has(owner) ? owner : null;
  };
  const freed = nodes.filter((n) => !dissolving.has(n.id) && dissolving.has(owners.get(n.id) ?? ''));
  const adoptions = new Map<string, string[]>();
  for (const node of freed) {
    const owner = keptOwner(node.id);
    if (owner) adoptions.set(owner, [...(adoptions.get(owner) ?? []), node.id]);
  }
  const freedIds = new Set(freed.map((n) => n.id));
  return nodes
    .filter((n) => !dissolving.has(n.id))
    .map((n) => {
      let next = freedIds.has(n.id)
        ? { ...detached(n, absolute), selected: true }
        : n.selected
          ? { ...n, selected: false }
          : n;
      if (next.type === 'group') {
        for (const id of dissolving) next = withChild(next, id, false);
        for (const id of adoptions.get(next.id) ?? []) next = withChild(next, id, true);
      }
      return next;
    });
}

/** After a deletion: groups stop listing members that are gone (Koda web drops stale ids too). */
export function withoutMissingMembers(nodes: KodaNode[]): KodaNode[] {
  const ids = new Set(nodes.map((n) => n.id));
  let changed = false;
  const next = nodes.map((n) => {
    const children = childIdsOf(n);
    if (children.every((id) => ids.has(id))) return n;
    changed = true;
    return { ...n, data: { ...n.data, childNodeIds: children.filter((id) => ids.has(id)) } };
  });
  return changed ? next : nodes;
}
