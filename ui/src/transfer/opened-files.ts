import type { ImportedCanvasInfo } from '../bindings/ImportedCanvasInfo';
import type { OpenedFile } from '../bindings/OpenedFile';
import type { OpenedFiles } from '../bindings/OpenedFiles';
import { MAX_TOASTS, type Toast } from '../components/toast-store';
import { UNTIL_DISMISSED } from '../recovery/recovery-notice';
import { reasonWithin } from './import-files';

/**
 * Files Koda was asked to open (a double-click on a `.koda` or `.canvas` file, "Open with Koda",
 * a second launch handing its files over): the app imported each one; this decides what the
 * window does with the outcome. Pure, so it is unit tested.
 */

/** A toast to show. */
export interface OpenedNotice {
  message: string;
  tone: Toast['tone'];
  durationMs: number;
}

/** What to do: open one canvas, or show the dashboard with these toasts. */
export type OpenedFilesPlan =
  { kind: 'open'; canvasId: string } | { kind: 'dashboard'; notices: OpenedNotice[] } | { kind: 'nothing' };

/** The file's name without its folder (either slash: the app may run on Windows). */
export function basename(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1) || path;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** Why a file was not imported (an error, or nothing in it); null when it was. */
export function openedFileFailure(file: OpenedFile): { name: string; reason: string } | null {
  const name = basename(file.path);
  if (file.error) return { name, reason: reasonWithin(file.error.message, name) };
  if (!file.result) return { name, reason: 'Koda gave no reason' };
  if (file.result.canvases.length === 0) return { name, reason: 'it holds no canvas' };
  return null;
}

/** The error toast for a file that was not imported, naming it. */
export function failureMessage({ name, reason }: { name: string; reason: string }): string {
  return `Couldn’t import “${name}”: ${reason}`;
}

const SUMMARY_MS = 6000;

/**
 * One launch's or hand-over's files (or several, taken together): exactly one canvas and no file
 * failed → open it; otherwise the dashboard with a summary of what came in and one error per
 * failed file, naming it. The toasts never overflow the stack: past what fits, the last error
 * toast lists the remaining files, so none is left unsaid.
 */
export function planOpenedFiles(batches: readonly OpenedFiles[]): OpenedFilesPlan {
  const files = batches.flatMap((batch) => batch.files);
  if (files.length === 0) return { kind: 'nothing' };
  const imported: { name: string; canvases: ImportedCanvasInfo[]; assets: number }[] = [];
  const failures: { name: string; reason: string }[] = [];
  for (const file of files) {
    const brought = file.result?.canvases ?? [];
    if (brought.length > 0)
      imported.push({ name: basename(file.path), canvases: brought, assets: file.result?.assets ?? 0 });
    const failure = openedFileFailure(file);
    if (failure) failures.push(failure);
  }
  const canvases = imported.flatMap((file) => file.canvases);
  if (canvases.length === 1 && failures.length === 0) return { kind: 'open', canvasId: canvases[0].id };

  const notices: OpenedNotice[] = [];
  if (canvases.length > 0) notices.push(summaryNotice(imported, canvases, failures.length));
  const room = MAX_TOASTS - notices.length;
  const one = failures.length <= room ? failures : failures.slice(0, room - 1);
  for (const failure of one)
    notices.push({ message: failureMessage(failure), tone: 'error', durationMs: UNTIL_DISMISSED });
  const rest = failures.slice(one.length);
  if (rest.length > 0)
    notices.push({
      message: `Couldn’t import ${rest.length} more files: ${rest.map((f) => `“${f.name}”: ${f.reason}`).join('; ')}`,
      tone: 'error',
      durationMs: UNTIL_DISMISSED,
    });
  return { kind: 'dashboard', notices };
}

function summaryNotice(
  imported: { name: string; assets: number }[],
  canvases: ImportedCanvasInfo[],
  failed: number,
): OpenedNotice {
  const assets = imported.reduce((sum, file) => sum + file.assets, 0);
  const what =
    canvases.length === 1 ? `“${canvases[0].name}”` : plural(canvases.length, 'canvas', 'canvases');
  const media = assets > 0 ? ` with ${plural(assets, 'media file', 'media files')}` : '';
  const from = imported.length === 1 ? `“${imported[0].name}”` : `${imported.length} files`;
  const notImported = failed > 0 ? ` — ${plural(failed, 'file', 'files')} not imported` : '';
  return {
    message: `Imported ${what}${media} from ${from}${notImported}`,
    tone: failed > 0 ? 'info' : 'success',
    durationMs: SUMMARY_MS,
  };
}
