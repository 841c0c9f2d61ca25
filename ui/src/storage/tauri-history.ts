import { invoke } from '@tauri-apps/api/core';
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchQuery } from '../bindings/SearchQuery';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { VersionInfo } from '../bindings/VersionInfo';
import { toErrorPayload } from './errors';

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

/**
 * Version history and search commands of the desktop app (issue 15). Argument names are the
 * commands' camelCase parameters; `nodeId` is null to restore the whole canvas.
 */
export const tauriHistory = {
  search: (query: SearchQuery) => call<SearchHit[]>('search', { query }),
  listVersions: (canvasId: string) => call<VersionInfo[]>('list_versions', { canvasId }),
  getVersion: (canvasId: string, versionId: number) =>
    call<StoredCanvas>('get_version', { canvasId, versionId }),
  restoreVersion: (canvasId: string, versionId: number, nodeId?: string) =>
    call<number>('restore_version', { canvasId, versionId, nodeId: nodeId ?? null }),
};
