import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { CanvasEdge } from '../bindings/CanvasEdge';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import type { CanvasNode } from '../bindings/CanvasNode';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { validateCanvas, validateName, validatePatch } from './canvas-validation';
import { storageError } from './errors';

/**
 * The canvas write rules of `conformance/vectors` (the same ones koda-core's stores follow), for
 * the TypeScript stores: the browser store (LocalStorageProvider) and the stand-in desktop
 * backend of the browser checks (ui/e2e/fake-desktop.js, which gets this module bundled into the
 * page as `window.__kodaCanvasRules`, see `canvasRulesScript` in ui/e2e/harness.mjs).
 *
 * Pure functions on plain canvases: each returns the canvas to store, never changing what it was
 * given, or throws `{code, message}` before anything is decided, so a refused write writes nothing.
 */

function clone<T>(value: T): T {
  return structuredClone(value);
}

export function canvasNotFound(id: string): ErrorPayload {
  return storageError('not_found', `canvas '${id}' was not found`);
}

/** The canvas, or `not_found`. */
export function existing(id: string, canvas: StoredCanvas | undefined): StoredCanvas {
  if (!canvas) throw canvasNotFound(id);
  return canvas;
}

/** A new empty canvas at revision 1; the name is trimmed and may not be empty. */
export function newCanvas(id: string, name: string, now: number): StoredCanvas {
  validateName('name', name);
  return { id, name: name.trim(), createdAt: now, updatedAt: now, nodes: [], edges: [], revision: 1 };
}

/**
 * A whole canvas written over `previous` (or new): revision 1 or one more than `previous`'s, the
 * given `updatedAt` (a save's is now; an import keeps the file's). Unknown fields are kept.
 */
export function savedCanvas(
  canvas: StoredCanvas,
  previous: StoredCanvas | undefined,
  updatedAt: number,
): StoredCanvas {
  validateCanvas(canvas);
  return {
    ...clone(canvas),
    nodes: clone(canvas.nodes ?? []),
    edges: clone(canvas.edges ?? []),
    updatedAt,
    revision: previous ? (previous.revision ?? 0) + 1 : 1,
  };
}

/** An import writes every canvas or none: all of them are checked before any is written. */
export function validateImport(canvases: StoredCanvas[]): void {
  if (!Array.isArray(canvases)) throw storageError('invalid_input', 'invalid input at .: expected a list');
  canvases.forEach((canvas) => validateCanvas(canvas));
}

/** Whether a patch changes content (nodes, edges or the name); panning or zooming alone does not. */
export function isContentChange(patch: CanvasPatch): boolean {
  const lists = patch.upsertNodes.length + patch.deleteNodes.length;
  return lists + patch.upsertEdges.length + patch.deleteEdges.length > 0 || patch.name !== undefined;
}

/**
 * A patch applied to the canvas at `baseRevision`: `not_found`, `conflict` when the canvas has
 * moved on, `invalid_input` when an edge would end at a node that is not on the canvas. The
 * revision always goes up one; `updatedAt` moves only for a content change.
 */
export function patchedCanvas(
  id: string,
  canvas: StoredCanvas | undefined,
  baseRevision: number,
  patch: CanvasPatch,
  now: number,
): StoredCanvas {
  validatePatch(patch);
  const source = existing(id, canvas);
  const current = source.revision ?? 0;
  if (current !== baseRevision) {
    throw storageError(
      'conflict',
      `canvas '${id}' was changed elsewhere: this edit was based on revision ${baseRevision}, ` +
        `the canvas is at revision ${current}`,
    );
  }
  const next = applyPatchTo(source, patch);
  next.revision = current + 1;
  // Panning alone is not an edit: it must not move the canvas to the top of "last edited".
  if (isContentChange(patch)) next.updatedAt = now;
  return next;
}

/**
 * Applies a patch's content the way koda-core does: deleting a node also deletes the edges
 * touching it; upserted nodes and edges keep their place, new ones come last in the patch's order.
 */
export function applyPatchTo(canvas: StoredCanvas, patch: CanvasPatch): StoredCanvas {
  const deletedNodes = new Set(patch.deleteNodes);
  const deletedEdges = new Set(patch.deleteEdges);
  let nodes: CanvasNode[] = (canvas.nodes ?? []).filter((n) => !deletedNodes.has(n.id));
  let edges: CanvasEdge[] = (canvas.edges ?? []).filter(
    (e) => !deletedEdges.has(e.id) && !deletedNodes.has(e.source) && !deletedNodes.has(e.target),
  );
  nodes = upsertById(nodes, patch.upsertNodes);
  edges = upsertById(edges, patch.upsertEdges);
  const nodeIds = new Set(nodes.map((n) => n.id));
  patch.upsertEdges.forEach((edge, index) => {
    for (const end of ['source', 'target'] as const) {
      if (!nodeIds.has(edge[end])) {
        throw storageError(
          'invalid_input',
          `invalid input at upsertEdges[${index}].${end}: edge '${edge.id}' points to node ` +
            `'${edge[end]}', which is not on the canvas`,
        );
      }
    }
  });
  const next: StoredCanvas = { ...clone(canvas), nodes, edges };
  if (patch.viewport) next.viewport = { ...patch.viewport };
  if (patch.name !== undefined) next.name = patch.name.trim();
  return next;
}

function upsertById<T extends { id: string }>(items: T[], updates: T[]): T[] {
  const result = [...items];
  const index = new Map(result.map((item, i) => [item.id, i]));
  for (const update of updates) {
    const at = index.get(update.id);
    if (at === undefined) {
      index.set(update.id, result.length);
      result.push(clone(update));
    } else {
      result[at] = clone(update);
    }
  }
  return result;
}

/** A rename: trimmed, not empty; the revision goes up one and `updatedAt` moves. */
export function renamedCanvas(
  id: string,
  canvas: StoredCanvas | undefined,
  name: string,
  now: number,
): StoredCanvas {
  validateName('name', name);
  const source = existing(id, canvas);
  return { ...clone(source), name: name.trim(), updatedAt: now, revision: (source.revision ?? 0) + 1 };
}

/** A duplicate's name: the given one trimmed (not empty), else "{name} (copy)". */
export function copyName(sourceName: string, name?: string | null): string {
  if (name === undefined || name === null) return `${sourceName} (copy)`;
  validateName('name', name);
  return name.trim();
}

/** A copy of the canvas with its nodes and edges under `newId`, created now, at revision 1. */
export function duplicatedCanvas(
  id: string,
  source: StoredCanvas | undefined,
  newId: string,
  name: string | null | undefined,
  now: number,
): StoredCanvas {
  if (name !== undefined && name !== null) validateName('name', name);
  const from = existing(id, source);
  return {
    ...clone(from),
    nodes: clone(from.nodes ?? []),
    edges: clone(from.edges ?? []),
    id: newId,
    name: copyName(from.name, name),
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
}

/** A thumbnail is derived from the content, so setting it is not an edit: the revision stays. */
export function withThumbnail(
  id: string,
  canvas: StoredCanvas | undefined,
  thumbnail: string | null,
): StoredCanvas {
  const next = clone(existing(id, canvas));
  if (thumbnail) next.thumbnail = thumbnail;
  else delete next.thumbnail;
  return next;
}

/** What a list shows of a canvas, with its real node count. */
export function canvasMetadata(canvas: StoredCanvas, deletedAt?: number): CanvasMetadata {
  const meta: CanvasMetadata = {
    id: canvas.id,
    name: canvas.name,
    createdAt: canvas.createdAt,
    updatedAt: canvas.updatedAt,
    nodeCount: (canvas.nodes ?? []).length,
    revision: canvas.revision ?? 0,
  };
  if (canvas.thumbnail) meta.thumbnail = canvas.thumbnail;
  if (deletedAt !== undefined) meta.deletedAt = deletedAt;
  return meta;
}

/** Live canvases, most recently edited first (then by id, as koda-core sorts). */
export function newestFirst(list: CanvasMetadata[]): CanvasMetadata[] {
  return [...list].sort((a, b) => b.updatedAt - a.updatedAt || byId(a, b));
}

/** Trashed canvases, most recently trashed first (then by id). */
export function recentlyTrashedFirst(list: CanvasMetadata[]): CanvasMetadata[] {
  return [...list].sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0) || byId(a, b));
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
