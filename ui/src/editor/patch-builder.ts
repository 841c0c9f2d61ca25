import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { Viewport } from '../bindings/Viewport';
import {
  persistedEdgeEqual,
  persistedNodeEqual,
  toPersistedEdge,
  toPersistedNode,
  type CanvasSnapshot,
} from './persisted';

function viewportEqual(a?: Viewport, b?: Viewport): boolean {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y && a.zoom === b.zoom;
}

/**
 * The smallest `CanvasPatch` that turns `saved` into `current`, or `null` when nothing that is
 * stored changed (selection, dragging flags and measurements do not count). Linear in the size of
 * the canvas, and cheap for unchanged nodes (see `persistedNodeEqual`).
 */
export function buildPatch(saved: CanvasSnapshot, current: CanvasSnapshot): CanvasPatch | null {
  const savedNodes = new Map(saved.nodes.map((n) => [n.id, n]));
  const savedEdges = new Map(saved.edges.map((e) => [e.id, e]));
  const currentNodeIds = new Set(current.nodes.map((n) => n.id));
  const currentEdgeIds = new Set(current.edges.map((e) => e.id));

  const patch: CanvasPatch = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };

  // In current order, so a group still precedes the nodes inside it when appended.
  for (const node of current.nodes) {
    const before = savedNodes.get(node.id);
    if (!before || !persistedNodeEqual(before, node)) patch.upsertNodes.push(toPersistedNode(node));
  }
  for (const id of savedNodes.keys()) {
    if (!currentNodeIds.has(id)) patch.deleteNodes.push(id);
  }

  const deletedNodes = new Set(patch.deleteNodes);
  for (const edge of current.edges) {
    const before = savedEdges.get(edge.id);
    if (!before || !persistedEdgeEqual(before, edge)) patch.upsertEdges.push(toPersistedEdge(edge));
  }
  for (const [id, edge] of savedEdges) {
    if (currentEdgeIds.has(id)) continue;
    // Deleting a node already deletes its edges on every backend.
    if (deletedNodes.has(edge.source) || deletedNodes.has(edge.target)) continue;
    patch.deleteEdges.push(id);
  }

  if (current.viewport && !viewportEqual(saved.viewport, current.viewport))
    patch.viewport = { ...current.viewport };
  if (current.name !== saved.name) patch.name = current.name;

  return isEmptyPatch(patch) ? null : patch;
}

export function isEmptyPatch(patch: CanvasPatch): boolean {
  return (
    patch.upsertNodes.length === 0 &&
    patch.deleteNodes.length === 0 &&
    patch.upsertEdges.length === 0 &&
    patch.deleteEdges.length === 0 &&
    patch.viewport === undefined &&
    patch.name === undefined
  );
}

/**
 * What "last saved" keeps after a write: the same (immutable) node and edge objects in arrays of
 * its own, so later comparisons are mostly identity checks. Transient fields are ignored when
 * comparing, never stored.
 */
export function freezeSnapshot(snapshot: CanvasSnapshot): CanvasSnapshot {
  return {
    name: snapshot.name,
    nodes: [...snapshot.nodes],
    edges: [...snapshot.edges],
    viewport: snapshot.viewport ? { ...snapshot.viewport } : undefined,
  };
}
