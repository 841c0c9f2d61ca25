import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { storageError } from './errors';

/**
 * The checks koda-core's `validate.rs` makes, so the browser backend refuses what the desktop
 * one refuses. Each error names the JSON path of the problem.
 */
const MAX_NAME_LENGTH = 500;

function invalid(path: string, message: string) {
  return storageError('invalid_input', `invalid input at ${path}: ${message}`);
}

export function validateName(path: string, name: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') throw invalid(path, 'name is empty');
  if (name.length > MAX_NAME_LENGTH) throw invalid(path, `name is longer than ${MAX_NAME_LENGTH} characters`);
}

function validateId(path: string, id: unknown): void {
  if (typeof id !== 'string' || id === '') throw invalid(path, 'id is empty');
}

function validateNodeShape(path: string, node: StoredCanvas['nodes'][number]): void {
  validateId(`${path}.id`, node.id);
  const position = node.position as { x?: unknown; y?: unknown } | undefined;
  if (!position || !Number.isFinite(position.x) || !Number.isFinite(position.y)) {
    throw invalid(`${path}.position`, 'position must be two finite numbers');
  }
  if (
    node.data !== undefined &&
    (typeof node.data !== 'object' || node.data === null || Array.isArray(node.data))
  ) {
    throw invalid(`${path}.data`, 'data must be a JSON object');
  }
}

export function validateCanvas(canvas: StoredCanvas): void {
  if (typeof canvas !== 'object' || canvas === null) throw invalid('.', 'a canvas must be an object');
  validateId('id', canvas.id);
  validateName('name', canvas.name);
  if (!Array.isArray(canvas.nodes ?? [])) throw invalid('nodes', 'nodes must be an array');
  if (!Array.isArray(canvas.edges ?? [])) throw invalid('edges', 'edges must be an array');
  const nodeIds = new Set<string>();
  (canvas.nodes ?? []).forEach((node, index) => {
    validateNodeShape(`nodes[${index}]`, node);
    if (nodeIds.has(node.id)) throw invalid(`nodes[${index}].id`, `duplicate node id '${node.id}'`);
    nodeIds.add(node.id);
  });
  const edgeIds = new Set<string>();
  (canvas.edges ?? []).forEach((edge, index) => {
    validateId(`edges[${index}].id`, edge.id);
    if (edgeIds.has(edge.id)) throw invalid(`edges[${index}].id`, `duplicate edge id '${edge.id}'`);
    edgeIds.add(edge.id);
    for (const end of ['source', 'target'] as const) {
      if (!nodeIds.has(edge[end])) {
        throw invalid(
          `edges[${index}].${end}`,
          `edge '${edge.id}' points to node '${edge[end]}', which is not on the canvas`,
        );
      }
    }
  });
}

export function validatePatch(patch: CanvasPatch): void {
  if (patch.name !== undefined) validateName('name', patch.name);
  if (patch.viewport !== undefined) {
    const { x, y, zoom } = patch.viewport;
    if (![x, y, zoom].every(Number.isFinite) || zoom <= 0)
      throw invalid('viewport', 'viewport must be finite with a positive zoom');
  }
  const deleted = new Set(patch.deleteNodes);
  const upserted = new Set<string>();
  patch.upsertNodes.forEach((node, index) => {
    validateNodeShape(`upsertNodes[${index}]`, node);
    if (upserted.has(node.id)) throw invalid(`upsertNodes[${index}].id`, `node '${node.id}' appears twice`);
    upserted.add(node.id);
    if (deleted.has(node.id))
      throw invalid(`upsertNodes[${index}].id`, `node '${node.id}' is both upserted and deleted`);
  });
  const deletedEdges = new Set(patch.deleteEdges);
  const upsertedEdges = new Set<string>();
  patch.upsertEdges.forEach((edge, index) => {
    const path = `upsertEdges[${index}]`;
    validateId(`${path}.id`, edge.id);
    if (upsertedEdges.has(edge.id)) throw invalid(`${path}.id`, `edge '${edge.id}' appears twice`);
    upsertedEdges.add(edge.id);
    if (deletedEdges.has(edge.id))
      throw invalid(`${path}.id`, `edge '${edge.id}' is both upserted and deleted`);
    for (const end of ['source', 'target'] as const) {
      validateId(`${path}.${end}`, edge[end]);
      if (deleted.has(edge[end]))
        throw invalid(
          `${path}.${end}`,
          `edge '${edge.id}' points to node '${edge[end]}', which this patch deletes`,
        );
    }
  });
}
