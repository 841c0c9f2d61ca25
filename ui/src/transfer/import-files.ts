import type { ImportedCanvasInfo } from '../bindings/ImportedCanvasInfo';
import type { ImportResult } from '../bindings/ImportResult';
import { parseImportFile } from '../dashboard/import-export';
import { toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { readFileBytes } from './read-file';

/** Where an import run is, for the progress bar. */
export interface ImportProgress {
  filename: string;
  /** 0-based index of the file being imported, of `fileCount`. */
  fileIndex: number;
  fileCount: number;
  /** Reading the file, or the app importing it (no finer progress from there). */
  phase: 'reading' | 'importing';
  /** Share of the whole run done, 0…1. */
  fraction: number;
}

export interface ImportOutcome {
  canvases: ImportedCanvasInfo[];
  assets: number;
  failures: { filename: string; message: string }[];
}

/** Imports one file, reporting the share of it read. */
export type FileImporter = (file: File, onRead: (fraction: number) => void) => Promise<ImportResult>;

/**
 * How a backend imports a file: on desktop every format Koda reads goes to `import_file`; the
 * browser reads the web app's JSON (a `spaces-canvases` array or one canvas) itself.
 */
export function importerFor(provider: Pick<StorageProvider, 'importFile' | 'importCanvases'>): FileImporter {
  const importFile = provider.importFile?.bind(provider);
  if (importFile) return async (file, onRead) => importFile(await readFileBytes(file, onRead), file.name);
  return async (file, onRead) => {
    const canvases = parseImportFile(new TextDecoder().decode(await readFileBytes(file, onRead)));
    await provider.importCanvases(canvases);
    return {
      format: 'json',
      canvases: canvases.map((c) => ({ id: c.id, name: c.name, nodeCount: c.nodes.length })),
      assets: 0,
    };
  };
}

/**
 * Imports files one after another (each all or nothing), reporting progress; a file that fails
 * is reported with its reason (which names the position of the problem) and the rest go on.
 */
export async function importFiles(
  files: readonly File[],
  importer: FileImporter,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { canvases: [], assets: 0, failures: [] };
  const fileCount = files.length;
  for (const [fileIndex, file] of files.entries()) {
    const report = (phase: ImportProgress['phase'], within: number) =>
      onProgress({
        filename: file.name,
        fileIndex,
        fileCount,
        phase,
        fraction: (fileIndex + within) / fileCount,
      });
    report('reading', 0);
    try {
      // Reading is the first half of a file's share; the import itself the second.
      const result = await importer(file, (read) => report(read >= 1 ? 'importing' : 'reading', read / 2));
      outcome.canvases.push(...result.canvases);
      outcome.assets += result.assets;
    } catch (raw) {
      outcome.failures.push({
        filename: file.name,
        message: reasonWithin(toErrorPayload(raw).message, file.name),
      });
    }
    report('importing', 1);
  }
  return outcome;
}

/**
 * A failure's reason without the file's own name or location in front (the desktop app names
 * the file it read, which is a temporary copy), since the summary names the file itself.
 */
export function reasonWithin(message: string, filename: string): string {
  const marker = `${filename}: `;
  const at = message.indexOf(marker);
  if (at < 0) return message;
  const before = message.slice(0, at);
  return before === '' || /^[^\s]*[/\\]$/.test(before) ? message.slice(at + marker.length) : message;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** The toast after an import: what came in, and what did not (with the reason). */
export function importSummary(outcome: ImportOutcome): {
  message: string;
  tone: 'success' | 'error' | 'info';
} {
  const { canvases, assets, failures } = outcome;
  const media = assets > 0 ? ` with ${plural(assets, 'media file', 'media files')}` : '';
  const imported =
    canvases.length === 1
      ? `Imported “${canvases[0].name}”${media}`
      : `Imported ${plural(canvases.length, 'canvas', 'canvases')}${media}`;
  if (failures.length === 0) return { message: imported, tone: 'success' };
  const why =
    failures.length === 1
      ? `${failures[0].filename}: ${failures[0].message}`
      : `${failures.length} files failed, first ${failures[0].filename}: ${failures[0].message}`;
  if (canvases.length === 0) return { message: `Import failed — ${why}`, tone: 'error' };
  return { message: `${imported}. Not imported — ${why}`, tone: 'info' };
}
