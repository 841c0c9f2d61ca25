import { findContainingGroup, type Rect } from './groups';
import { orderForReactFlow, type KodaNode } from './persisted';

/** Absolute rectangle of a node, as React Flow measured it. */
export type RectOf = (id: string) => Rect | null;

/**
 * After a drag: nodes dropped inside a group become its children (position made relative),
 * nodes dragged out of their group become top-level again. Groups stay first in the array.
 */
export function reparentDropped(nodes: KodaNode[], draggedIds: readonly string[], rectOf: RectOf): KodaNode[] {
  const dragged = new Set(draggedIds);
  const groups = nodes
    .filter((n) => n.type === 'group' && !dragged.has(n.id))
    .map((n) => ({ id: n.id, rect: rectOf(n.id) }))
    .filter((g): g is { id: string; rect: Rect } => g.rect !== null);
  let changed = false;
  const next = nodes.map((node) => {
    if (!dragged.has(node.id) || node.type === 'group') return node;
    // Moving together with its parent: stays where it is.
    if (node.parentId && dragged.has(node.parentId)) return node;
    const rect = rectOf(node.id);
    if (!rect) return node;
    const parent = findContainingGroup(rect, groups, node.id);
    if ((parent ?? undefined) === node.parentId) return node;
    changed = true;
    const copy: KodaNode = { ...node };
    if (parent) {
      const parentRect = rectOf(parent)!;
      copy.parentId = parent;
      copy.position = { x: Math.round(rect.x - parentRect.x), y: Math.round(rect.y - parentRect.y) };
    } else {
      delete copy.parentId;
      copy.position = { x: Math.round(rect.x), y: Math.round(rect.y) };
    }
    return copy;
  });
  return changed ? orderForReactFlow(next) : nodes;
}
