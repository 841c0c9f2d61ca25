import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { Viewport } from '../bindings/Viewport';
import { jsonEqual, toPersistedEdge, toPersistedNode, type CanvasSnapshot, type PersistedEdge, type PersistedNode } from './persisted';

function viewportEqual(a?: Viewport, b?: Viewport): boolean {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y && a.zoom === b.zoom;
}

/**
 * The smallest `CanvasPatch` that turns `saved` into `current`, or `null` when nothing that is
 * stored changed (selection, dragging flags and measurements do not count).
 */
export function buildPatch(saved: CanvasSnapshot, current: CanvasSnapshot): CanvasPatch | null {
  const savedNodes = new Map<string, PersistedNode>(saved.nodes.map((n) => [n.id, toPersistedNode(n)]));
  const savedEdges = new Map<string, PersistedEdge>(saved.edges.map((e) => [e.id, toPersistedEdge(e)]));
  const currentNodeIds = new Set(current.nodes.map((n) => n.id));
  const currentEdgeIds = new Set(current.edges.map((e) => e.id));

  const patch: CanvasPatch = { upsertNodes: [], deleteNodes: [], upsertEdges: [], deleteEdges: [] };

  // In current order, so a group still precedes the nodes inside it when appended.
  for (const node of current.nodes) {
    const persisted = toPersistedNode(node);
    const before = savedNodes.get(node.id);
    if (!before || !jsonEqual(before, persisted)) patch.upsertNodes.push(persisted);
  }
  for (const id of savedNodes.keys()) {
    if (!currentNodeIds.has(id)) patch.deleteNodes.push(id);
  }

  const deletedNodes = new Set(patch.deleteNodes);
  for (const edge of current.edges) {
    const persisted = toPersistedEdge(edge);
    const before = savedEdges.get(edge.id);
    if (!before || !jsonEqual(before, persisted)) patch.upsertEdges.push(persisted);
  }
  for (const [id, edge] of savedEdges) {
    if (currentEdgeIds.has(id)) continue;
    // Deleting a node already deletes its edges on every backend.
    if (deletedNodes.has(edge.source) || deletedNodes.has(edge.target)) continue;
    patch.deleteEdges.push(id);
  }

  if (current.viewport && !viewportEqual(saved.viewport, current.viewport)) patch.viewport = { ...current.viewport };
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

/** The persisted form of a snapshot, kept as "last saved" after a successful write. */
export function persistSnapshot(snapshot: CanvasSnapshot): CanvasSnapshot {
  return {
    name: snapshot.name,
    nodes: snapshot.nodes.map(toPersistedNode),
    edges: snapshot.edges.map(toPersistedEdge),
    viewport: snapshot.viewport ? { ...snapshot.viewport } : undefined,
  };
}
