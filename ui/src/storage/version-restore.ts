/**
 * What a restore writes (browser store; the desktop app does the same in Rust): the whole canvas
 * as a version shows it, or one node of it with its edges to nodes that exist now. The caller
 * keeps the replaced canvas as a version first, so a restore loses nothing.
 */
import type { CanvasEdge } from '../bindings/CanvasEdge';
import type { CanvasNode } from '../bindings/CanvasNode';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { storageError } from './errors';

type LooseNode = CanvasNode & { parentId?: unknown };

/**
 * The canvas after restoring `version` into `current` (revision and time left to the caller).
 * Whole canvas: the version's nodes, edges, name and description; the current view, thumbnail and
 * flags stay. One node: that node as it was (in place if it still exists, else added), with the
 * version's edges touching it whose other end exists now, replacing its current edges. Rejects
 * with `not_found` when the version has no such node.
 */
export function restoredCanvas(current: StoredCanvas, version: StoredCanvas, nodeId?: string): StoredCanvas {
  if (nodeId === undefined || nodeId === null) {
    const next: StoredCanvas = {
      ...current,
      name: version.name,
      nodes: structuredClone(version.nodes ?? []),
      edges: structuredClone(version.edges ?? []),
    };
    if (version.description !== undefined) next.description = version.description;
    else delete next.description;
    return next;
  }
  const old = (version.nodes ?? []).find((n) => n.id === nodeId);
  if (!old) throw storageError('not_found', `node '${nodeId}' is not in this version`);
  const nodes = [...(current.nodes ?? [])];
  const restored = detachedIfParentGone(structuredClone(old) as LooseNode, nodes, version);
  const at = nodes.findIndex((n) => n.id === nodeId);
  if (at >= 0) nodes[at] = restored;
  else nodes.push(restored);
  const present = new Set(nodes.map((n) => n.id));
  const touches = (e: CanvasEdge) => e.source === nodeId || e.target === nodeId;
  const kept = (current.edges ?? []).filter((e) => !touches(e));
  const keptIds = new Set(kept.map((e) => e.id));
  const back = (version.edges ?? [])
    .filter((e) => touches(e) && present.has(e.source) && present.has(e.target) && !keptIds.has(e.id))
    .map((e) => structuredClone(e));
  return { ...current, nodes, edges: [...kept, ...back] };
}

/**
 * A node kept inside a React Flow parent (`parentId`) that is gone now is put back at the same
 * place on the canvas, without the parent (its position was relative to it).
 */
function detachedIfParentGone(node: LooseNode, nodes: CanvasNode[], version: StoredCanvas): CanvasNode {
  const parentId = typeof node.parentId === 'string' ? node.parentId : undefined;
  if (!parentId || nodes.some((n) => n.id === parentId)) return node;
  const parent = (version.nodes ?? []).find((n) => n.id === parentId);
  const { parentId: _gone, ...rest } = node;
  const offset = parent?.position ?? { x: 0, y: 0 };
  return { ...rest, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } };
}
