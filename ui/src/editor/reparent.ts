import { findContainingGroup, ownersOf, setOwner, withGroupSize, type Rect, type RectOf } from './groups';
import type { KodaNode } from './persisted';

export type { RectOf } from './groups';

/** Space kept between a group's frame and a node dropped into it. */
export const GROUP_PADDING = 16;

/**
 * After a drag, as Koda web does it: a node dropped inside a group becomes its member (listed in
 * the group's `data.childNodeIds`, position staying absolute), a node dragged out of its group
 * leaves that list. A legacy `parentId` child that changes group becomes a Koda web member.
 * The frame grows to hold what was dropped into it. Groups themselves are not regrouped by
 * dragging (⌘G does that). Returns the same array when nothing changed.
 */
export function reparentDropped(
  nodes: KodaNode[],
  draggedIds: readonly string[],
  rectOf: RectOf,
): KodaNode[] {
  const dragged = new Set(draggedIds);
  const owners = ownersOf(nodes);
  /** Moved because a group it is in was dragged: stays where it belongs. */
  const carried = (id: string) => {
    const seen = new Set<string>();
    for (let owner = owners.get(id); owner && !seen.has(owner); owner = owners.get(owner)) {
      if (dragged.has(owner)) return true;
      seen.add(owner);
    }
    return false;
  };
  const groups = nodes
    .filter((n) => n.type === 'group' && !dragged.has(n.id) && !carried(n.id))
    .map((n) => ({ id: n.id, rect: rectOf(n.id) }))
    .filter((g): g is { id: string; rect: Rect } => g.rect !== null);

  let next = nodes;
  /** Groups that must grow to hold a new member: id → the frame needed. */
  const grow = new Map<string, Rect>();
  for (const node of nodes) {
    if (!dragged.has(node.id) || node.type === 'group' || carried(node.id)) continue;
    const rect = rectOf(node.id);
    if (!rect) continue;
    const target = findContainingGroup(rect, groups, node.id);
    if (target === (owners.get(node.id) ?? null)) continue;
    next = setOwner(next, node.id, target);
    // Where it was dropped, exactly (a legacy child's relative position becomes absolute).
    next = next.map((n) =>
      n.id === node.id ? { ...n, position: { x: Math.round(rect.x), y: Math.round(rect.y) } } : n,
    );
    if (target) {
      const frame = grow.get(target) ?? rectOf(target)!;
      const x = Math.min(frame.x, rect.x - GROUP_PADDING);
      const y = Math.min(frame.y, rect.y - GROUP_PADDING);
      const right = Math.max(frame.x + frame.width, rect.x + rect.width + GROUP_PADDING);
      const bottom = Math.max(frame.y + frame.height, rect.y + rect.height + GROUP_PADDING);
      grow.set(target, { x, y, width: right - x, height: bottom - y });
    }
  }
  if (next === nodes) return nodes;
  if (grow.size === 0) return next;
  return next.map((node) => {
    const frame = grow.get(node.id);
    if (!frame) return node;
    const x = Math.round(frame.x);
    const y = Math.round(frame.y);
    const sized = withGroupSize(
      node,
      Math.max(node.width ?? 0, frame.x + frame.width - x),
      Math.max(node.height ?? 0, frame.y + frame.height - y),
    );
    return x === node.position.x && y === node.position.y ? sized : { ...sized, position: { x, y } };
  });
}
