import type { StoredCanvas } from '../bindings/StoredCanvas';
import { storageError } from '../storage/errors';

export const EXPORT_FILENAME = 'koda-canvases.json';

/**
 * Reads an import file: the web app's `spaces-canvases` array, or a single canvas.
 * Rejects with `invalid_input` when it is neither.
 */
export function parseImportFile(text: string): StoredCanvas[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw storageError('invalid_input', 'This file is not valid JSON.');
  }
  const list = Array.isArray(value) ? value : [value];
  const looksLikeCanvas = (item: unknown): item is StoredCanvas =>
    typeof item === 'object' &&
    item !== null &&
    typeof (item as StoredCanvas).id === 'string' &&
    typeof (item as StoredCanvas).name === 'string';
  if (list.length === 0 || !list.every(looksLikeCanvas)) {
    throw storageError('invalid_input', 'This file does not contain Koda canvases.');
  }
  const now = Date.now();
  return list.map((canvas) => ({
    ...canvas,
    createdAt: typeof canvas.createdAt === 'number' ? canvas.createdAt : now,
    updatedAt: typeof canvas.updatedAt === 'number' ? canvas.updatedAt : now,
    nodes: Array.isArray(canvas.nodes) ? canvas.nodes : [],
    edges: Array.isArray(canvas.edges) ? canvas.edges : [],
    revision: typeof canvas.revision === 'number' ? canvas.revision : 0,
  }));
}

/** Offers the canvases as a download, in the same format as `spaces-canvases`. */
export function downloadJson(canvases: StoredCanvas[], filename = EXPORT_FILENAME): void {
  downloadFile(JSON.stringify(canvases, null, 2), filename, 'application/json');
}

/** Offers some text or bytes as a download (browser mode: there is no Downloads folder to write to). */
export function downloadFile(content: string | Uint8Array, filename: string, type: string): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
