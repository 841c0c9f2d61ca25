import type { Edge, Node } from '@xyflow/react';
import type { CanvasEdge } from '../bindings/CanvasEdge';
import type { CanvasNode } from '../bindings/CanvasNode';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { Viewport } from '../bindings/Viewport';

/** Node and edge as React Flow holds them; `data` is free-form JSON. */
export type KodaNode = Node<Record<string, unknown>>;
export type KodaEdge = Edge;

/** A node as stored: the modelled fields plus anything else React Flow keeps (parentId, style…). */
export type PersistedNode = CanvasNode & { [field: string]: unknown };
export type PersistedEdge = CanvasEdge & { [field: string]: unknown };

/**
 * Fields React Flow sets while the user merely looks at or handles the canvas. Saving them
 * would make every click a write, so they never reach storage.
 */
export const TRANSIENT_NODE_FIELDS = [
  'selected',
  'dragging',
  'measured',
  'resizing',
  'positionAbsolute',
  'internals',
  'handleBounds',
] as const;
export const TRANSIENT_EDGE_FIELDS = ['selected'] as const;

/** What the autosave compares: the persisted parts of a canvas. */
export interface CanvasSnapshot {
  name: string;
  nodes: ReadonlyArray<KodaNode | PersistedNode>;
  edges: ReadonlyArray<KodaEdge | PersistedEdge>;
  viewport?: Viewport;
}

function withoutFields(value: object, fields: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    // `undefined` does not survive JSON, so it must not count as a difference either.
    if (field === undefined || fields.includes(key)) continue;
    result[key] = field;
  }
  return result;
}

export function toPersistedNode(node: KodaNode | PersistedNode): PersistedNode {
  const result = withoutFields(node, TRANSIENT_NODE_FIELDS) as PersistedNode;
  result.position = { x: node.position.x, y: node.position.y };
  result.data = (node.data ?? {}) as Record<string, unknown>;
  result.type = node.type ?? 'unknown';
  return result;
}

export function toPersistedEdge(edge: KodaEdge | PersistedEdge): PersistedEdge {
  const result = withoutFields(edge, TRANSIENT_EDGE_FIELDS) as PersistedEdge;
  // React Flow uses `null` for "default handle"; storage leaves the field out.
  if (result.sourceHandle === null) delete result.sourceHandle;
  if (result.targetHandle === null) delete result.targetHandle;
  return result;
}

/** Stored node → React Flow node. Unknown fields ride along untouched. */
export function fromStoredNode(node: CanvasNode): KodaNode {
  return { ...(node as PersistedNode), data: { ...(node.data ?? {}) } } as KodaNode;
}

export function fromStoredEdge(edge: CanvasEdge): KodaEdge {
  return { ...(edge as PersistedEdge) } as KodaEdge;
}

/**
 * React Flow draws nodes in array order and wants parents before children. Storage appends new
 * nodes at the end, so on load groups go first (as backdrops), then every parent before its children.
 */
export function orderForReactFlow<T extends { id: string; type?: string; parentId?: string }>(
  nodes: readonly T[],
): T[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const placed = new Set<string>();
  const result: T[] = [];
  const place = (node: T, trail: Set<string>) => {
    if (placed.has(node.id) || trail.has(node.id)) return;
    trail.add(node.id);
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) place(parent, trail);
    placed.add(node.id);
    result.push(node);
  };
  for (const node of nodes) if (node.type === 'group') place(node, new Set());
  for (const node of nodes) place(node, new Set());
  return result;
}

export function snapshotFromCanvas(canvas: StoredCanvas): CanvasSnapshot {
  return {
    name: canvas.name,
    nodes: canvas.nodes.map(toPersistedNode),
    edges: canvas.edges.map(toPersistedEdge),
    viewport: canvas.viewport,
  };
}

/**
 * Whether two nodes store the same thing, ignoring transient fields. Cheap when nothing changed:
 * nodes are immutable, so an unchanged node is the same object or shares its `data` object.
 * Means the same as `jsonEqual(toPersistedNode(a), toPersistedNode(b))`.
 */
export function persistedNodeEqual(a: KodaNode | PersistedNode, b: KodaNode | PersistedNode): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
  if ((a.type ?? 'unknown') !== (b.type ?? 'unknown')) return false;
  if (a.data !== b.data && !jsonEqual(a.data ?? {}, b.data ?? {})) return false;
  return restEqual(a, b, NODE_FIELDS_COMPARED_ABOVE);
}

/** Like `persistedNodeEqual` for edges: `selected` ignored, a `null` handle the same as none. */
export function persistedEdgeEqual(a: KodaEdge | PersistedEdge, b: KodaEdge | PersistedEdge): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.source !== b.source || a.target !== b.target) return false;
  if (
    (a.sourceHandle ?? undefined) !== (b.sourceHandle ?? undefined) ||
    (a.targetHandle ?? undefined) !== (b.targetHandle ?? undefined)
  )
    return false;
  return restEqual(a, b, EDGE_FIELDS_COMPARED_ABOVE);
}

/** Whether two states of a canvas hold the same nodes and edges, in the same order, as stored. */
export function sameStoredGraph(
  a: { nodes: ReadonlyArray<KodaNode | PersistedNode>; edges: ReadonlyArray<KodaEdge | PersistedEdge> },
  b: { nodes: ReadonlyArray<KodaNode | PersistedNode>; edges: ReadonlyArray<KodaEdge | PersistedEdge> },
): boolean {
  if (a.nodes === b.nodes && a.edges === b.edges) return true;
  return (
    a.nodes.length === b.nodes.length &&
    a.edges.length === b.edges.length &&
    a.nodes.every((node, i) => persistedNodeEqual(node, b.nodes[i])) &&
    a.edges.every((edge, i) => persistedEdgeEqual(edge, b.edges[i]))
  );
}

const NODE_FIELDS_COMPARED_ABOVE: ReadonlySet<string> = new Set([
  ...TRANSIENT_NODE_FIELDS,
  'id',
  'position',
  'type',
  'data',
]);
const EDGE_FIELDS_COMPARED_ABOVE: ReadonlySet<string> = new Set([
  ...TRANSIENT_EDGE_FIELDS,
  'id',
  'source',
  'target',
  'sourceHandle',
  'targetHandle',
]);

/** Every other field, without allocating: same object, or equal as JSON (`undefined` = absent). */
function restEqual(a: object, b: object, skip: ReadonlySet<string>): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) {
    if (skip.has(key) || left[key] === right[key]) continue;
    if (!jsonEqual(left[key], right[key])) return false;
  }
  for (const key in right) {
    if (skip.has(key) || key in left) continue;
    if (right[key] !== undefined) return false;
  }
  return true;
}

/** Structural equality of JSON-like values; key order does not matter, `undefined` equals absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => jsonEqual(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    if (!jsonEqual(left[key], right[key])) return false;
  }
  return true;
}
