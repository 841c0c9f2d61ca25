import { invoke } from '@tauri-apps/api/core';
import type { BackupInfo } from '../bindings/BackupInfo';
import type { ExportResult } from '../bindings/ExportResult';
import type { ImportResult } from '../bindings/ImportResult';
import { toErrorPayload } from './errors';
import type { ExportFormat } from './types';

async function call<T>(
  command: string,
  args?: Record<string, unknown> | Uint8Array,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await invoke<T>(command, args, headers ? { headers } : undefined);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

/**
 * Import, export and backup commands of the desktop app (issue 5). Files travel as raw IPC
 * bodies, names as percent-encoded headers; where an export goes and which files to import are
 * asked by the app's native dialogs, so the page never names a path.
 */
export const tauriTransfer = {
  importFile: (bytes: Uint8Array, filename: string) =>
    call<ImportResult>('import_file', bytes, { 'x-koda-filename': encodeURIComponent(filename) }),
  importWithDialog: () => call<number>('import_with_dialog'),
  exportCanvas: (id: string, format: ExportFormat) => call<ExportResult>('export_canvas', { id, format }),
  saveExport: (png: Uint8Array, filename: string) =>
    call<ExportResult>('save_export', png, { 'x-koda-filename': encodeURIComponent(filename) }),
  backupNow: () => call<BackupInfo>('backup_now'),
  listBackups: () => call<BackupInfo[]>('list_backups'),
  restoreBackup: (name: string) => call<null>('restore_backup', { name }).then(() => undefined),
  restartApp: () => call<null>('restart_app').then(() => undefined),
};
