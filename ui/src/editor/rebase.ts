import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { Viewport } from '../bindings/Viewport';
import { buildPatch } from './patch-builder';
import {
  fromStoredEdge,
  fromStoredNode,
  jsonEqual,
  orderForReactFlow,
  persistedEdgeEqual,
  persistedNodeEqual,
  TRANSIENT_NODE_FIELDS,
  type CanvasSnapshot,
  type KodaEdge,
  type KodaNode,
  type PersistedNode,
} from './persisted';

/** A canvas's graph as the editor holds it. */
export interface EditorGraph {
  name: string;
  nodes: KodaNode[];
  edges: KodaEdge[];
  viewport?: Viewport;
}

export interface Rebased {
  /** The stored canvas as editor state: what is now "last saved". */
  base: EditorGraph;
  /** `base` with the person's unsaved edits re-applied: what the editor shows. */
  next: EditorGraph;
  /** Whether there were unsaved edits (they still need saving, against the stored revision). */
  keptEdits: boolean;
}

/**
 * Rebases unsaved local edits onto a newer stored canvas (a change from another device, window or
 * the CLI): the edits (`saved` → `current`, as a patch) are applied on top of `stored`, so
 * neither side's changes are lost. Where both touched the same node, the fields the person changed
 * (top-level and inside `data`) are laid over the stored node, so a generator's new outputs written
 * by the app while its prompt was being edited are kept; local edits win on the same field. Nodes the
 * stored canvas did not change keep their editor objects (selection, measurements, and React
 * Flow skips them); an edge whose end no longer exists is dropped.
 */
export function rebase(stored: StoredCanvas, saved: CanvasSnapshot, current: EditorGraph): Rebased {
  const currentNodes = new Map(current.nodes.map((n) => [n.id, n]));
  const currentEdges = new Map(current.edges.map((e) => [e.id, e]));
  // Unchanged remotely → the very object the editor has.
  const baseNodes = stored.nodes.map((s) => {
    const mine = currentNodes.get(s.id);
    return mine && persistedNodeEqual(mine, s) ? mine : withSelection(fromStoredNode(s), mine);
  });
  const baseEdges = stored.edges.map((s) => {
    const mine = currentEdges.get(s.id);
    return mine && persistedEdgeEqual(mine, s) ? mine : fromStoredEdge(s);
  });
  const base: EditorGraph = {
    name: stored.name,
    nodes: orderForReactFlow(baseNodes),
    edges: baseEdges,
    viewport: stored.viewport ?? current.viewport,
  };

  const pending = buildPatch(saved, current);
  if (!pending) return { base, next: base, keptEdits: false };

  const deletedNodes = new Set(pending.deleteNodes);
  const upsertedNodes = new Set(pending.upsertNodes.map((n) => n.id));
  const savedNodes = new Map(saved.nodes.map((n) => [n.id, n]));
  const nodes = baseNodes
    .filter((n) => !deletedNodes.has(n.id))
    .map((n) => (upsertedNodes.has(n.id) ? mergeNode(n, savedNodes.get(n.id), currentNodes.get(n.id)!) : n));
  const present = new Set(nodes.map((n) => n.id));
  for (const id of upsertedNodes) {
    if (!present.has(id)) {
      nodes.push(currentNodes.get(id)!);
      present.add(id);
    }
  }

  const deletedEdges = new Set(pending.deleteEdges);
  const upsertedEdges = new Set(pending.upsertEdges.map((e) => e.id));
  const edges = baseEdges
    .filter((e) => !deletedEdges.has(e.id))
    .map((e) => (upsertedEdges.has(e.id) ? currentEdges.get(e.id)! : e));
  const edgeIds = new Set(edges.map((e) => e.id));
  for (const id of upsertedEdges) if (!edgeIds.has(id)) edges.push(currentEdges.get(id)!);

  const next: EditorGraph = {
    name: pending.name ?? base.name,
    nodes: orderForReactFlow(nodes),
    // Both ends must exist (the other side may have deleted one); a child whose group went keeps its place.
    edges: edges.filter((e) => present.has(e.source) && present.has(e.target)),
    viewport: pending.viewport ?? base.viewport,
  };
  return { base, next, keptEdits: true };
}

const TRANSIENT: ReadonlySet<string> = new Set(TRANSIENT_NODE_FIELDS);

/**
 * A node both sides changed: the stored node with the person's changes laid over it, field by
 * field (a field is the person's when it differs between the last save and now). When the other
 * side did not touch the node, or the node is new here, the person's node is taken whole.
 */
export function mergeNode(
  stored: KodaNode,
  saved: KodaNode | PersistedNode | undefined,
  mine: KodaNode,
): KodaNode {
  if (!saved || persistedNodeEqual(stored, saved)) return mine;
  const before = saved as unknown as Record<string, unknown>;
  const after = mine as unknown as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...stored };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'data') continue;
    // What the editor holds for the view (selection, measurements) is the person's.
    if (TRANSIENT.has(key) || !jsonEqual(before[key], after[key])) {
      if (after[key] === undefined) delete merged[key];
      else merged[key] = after[key];
    }
  }
  const data: Record<string, unknown> = { ...(stored.data ?? {}) };
  const savedData = (saved.data ?? {}) as Record<string, unknown>;
  const myData = mine.data ?? {};
  for (const key of new Set([...Object.keys(savedData), ...Object.keys(myData)])) {
    if (jsonEqual(savedData[key], myData[key])) continue;
    if (myData[key] === undefined) delete data[key];
    else data[key] = myData[key];
  }
  merged.data = data;
  return merged as unknown as KodaNode;
}

/** A node from storage keeps being selected if it was. */
function withSelection(node: KodaNode, mine: KodaNode | undefined): KodaNode {
  return mine?.selected ? { ...node, selected: true } : node;
}
