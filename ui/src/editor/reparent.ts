import { findContainingGroup, type Rect } from './groups';
import { orderForReactFlow, type KodaNode } from './persisted';

/** Space kept between a group's frame and the nodes inside it. */
export const GROUP_PADDING = 16;

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
  /** Groups that must grow to hold a new child: id → size needed. */
  const grow = new Map<string, { width: number; height: number }>();
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
      // Never left hanging over the frame's top-left edge: the label lives there.
      const x = Math.max(GROUP_PADDING, Math.round(rect.x - parentRect.x));
      const y = Math.max(GROUP_PADDING, Math.round(rect.y - parentRect.y));
      copy.position = { x, y };
      const needed = grow.get(parent) ?? { width: parentRect.width, height: parentRect.height };
      grow.set(parent, { width: Math.max(needed.width, x + rect.width + GROUP_PADDING), height: Math.max(needed.height, y + rect.height + GROUP_PADDING) });
    } else {
      delete copy.parentId;
      copy.position = { x: Math.round(rect.x), y: Math.round(rect.y) };
    }
    return copy;
  });
  if (!changed) return nodes;
  // The frame grows to hold what was dropped into it.
  const grown = next.map((node) => {
    const size = grow.get(node.id);
    if (!size) return node;
    const width = Math.max(node.width ?? 0, Math.ceil(size.width));
    const height = Math.max(node.height ?? 0, Math.ceil(size.height));
    return width === node.width && height === node.height ? node : { ...node, width, height };
  });
  return orderForReactFlow(grown);
}
