import type { ExportResult } from '../bindings/ExportResult';
import type { Rect } from '../editor/groups';
import type { KodaEdge, KodaNode } from '../editor/persisted';
import { downloadFile } from '../dashboard/import-export';
import { storageError } from '../storage/errors';
import type { ExportFormat, StorageProvider } from '../storage/types';
import { renderCanvasPng } from '../thumbnails/render-png';

/** What a canvas can be exported as: the desktop formats, or a PNG picture. */
export type ExportChoice = ExportFormat | 'png';

/** Width of exported pictures, in pixels. */
export const EXPORT_PNG_WIDTH = 1920;

export interface ExportTarget {
  id: string;
  name: string;
  /**
   * The editor's live state and camera, for "PNG of the view"; without it the stored canvas is
   * drawn whole.
   */
  picture?: () => { nodes: readonly KodaNode[]; edges: readonly KodaEdge[]; view: Rect | null };
}

/** A file name from a canvas name: no path separators or characters file systems refuse. */
export function exportFileName(name: string, extension: string): string {
  const stem =
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f/\\:*?"<>|]+/g, '_')
      .trim()
      .slice(0, 120) || 'canvas';
  return `${stem}.${extension}`;
}

/** Picture size for a view: 1920 px wide, the view's shape (within reason). */
export function pictureSize(view: Rect | null): { width: number; height: number } {
  if (!view || view.width <= 0 || view.height <= 0) return { width: EXPORT_PNG_WIDTH, height: 1080 };
  const height = Math.round((EXPORT_PNG_WIDTH * view.height) / view.width);
  return { width: EXPORT_PNG_WIDTH, height: Math.min(Math.max(height, 360), 3840) };
}

async function renderPng(
  provider: Pick<StorageProvider, 'getCanvas'>,
  target: ExportTarget,
): Promise<Uint8Array> {
  let nodes: readonly KodaNode[];
  let edges: readonly KodaEdge[];
  let view: Rect | null = null;
  if (target.picture) ({ nodes, edges, view } = target.picture());
  else {
    const canvas = await provider.getCanvas(target.id);
    if (!canvas) throw storageError('not_found', 'That canvas no longer exists.');
    nodes = canvas.nodes as KodaNode[];
    edges = canvas.edges as KodaEdge[];
  }
  if (nodes.length === 0)
    throw storageError('invalid_input', 'This canvas is empty: there is nothing to draw.');
  const size = pictureSize(view);
  const png = await renderCanvasPng(
    nodes,
    edges,
    view ? { ...size, view } : { ...size, padding: 48, maxScale: 2 },
  );
  if (!png) throw storageError('io', 'This window cannot draw pictures.');
  return png;
}

/** "Saved to <path>", or null when the person cancelled the Save dialog. */
function savedTo({ path }: ExportResult): { message: string | null } {
  return { message: path === null ? null : `Saved to ${path}` };
}

/**
 * Exports a canvas and says where it went (null: the Save dialog was cancelled). On desktop the
 * app asks where with its native Save dialog and writes every format there (a PNG is drawn here,
 * 1920 px wide, and saved by `save_export`); the browser downloads JSON (media inlined) and PNG
 * itself.
 */
export async function exportCanvas(
  provider: StorageProvider,
  target: ExportTarget,
  choice: ExportChoice,
): Promise<{ message: string | null }> {
  if (choice === 'png') {
    const png = await renderPng(provider, target);
    const filename = exportFileName(target.name, 'png');
    if (provider.saveExport) return savedTo(await provider.saveExport(png, filename));
    downloadFile(png, filename, 'image/png');
    return { message: `Downloaded ${filename}` };
  }
  if (provider.exportCanvas) return savedTo(await provider.exportCanvas(target.id, choice));
  if (choice !== 'json') throw storageError('invalid_input', 'This format needs Koda Desktop.');
  // The browser's export of everything inlines media kept in IndexedDB; take this canvas from it.
  const canvas = (await provider.exportAll()).find((c) => c.id === target.id);
  if (!canvas) throw storageError('not_found', 'That canvas no longer exists.');
  const filename = exportFileName(target.name, 'json');
  downloadFile(JSON.stringify(canvas, null, 2), filename, 'application/json');
  return { message: `Downloaded ${filename}` };
}
