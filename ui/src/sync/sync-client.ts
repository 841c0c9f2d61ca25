import { invoke } from '@tauri-apps/api/core';
import { followEvent } from '../app/follow-event';
import type { SyncStatus } from '../bindings/SyncStatus';
import { toErrorPayload } from '../storage/errors';

/** Event the desktop app emits whenever the sync status changes. */
export const SYNC_STATUS_EVENT = 'koda://sync-status';

/** Cloud sync as the desktop app offers it (the token goes in, never comes back). */
export interface SyncBackend {
  getStatus(): Promise<SyncStatus>;
  /** `token` null keeps the stored one. */
  configure(enabled: boolean, url: string, token: string | null): Promise<SyncStatus>;
  /** Resolves when the database answers; rejects `{code, message}` (offline, remote, remote_too_new, config). */
  test(url: string, token: string | null): Promise<void>;
  syncNow(): Promise<SyncStatus>;
  /** Status changes pushed by the app. Returns an unsubscribe function. */
  onStatus(callback: (status: SyncStatus) => void): () => void;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

/** The desktop app's sync commands (`get_sync_status`, `set_sync`, `test_sync`, `sync_now`). */
export function tauriSyncBackend(): SyncBackend {
  return {
    getStatus: () => call<SyncStatus>('get_sync_status'),
    configure: (enabled, url, token) => call<SyncStatus>('set_sync', { enabled, url, token }),
    test: async (url, token) => {
      await call<null>('test_sync', { url, token });
    },
    syncNow: () => call<SyncStatus>('sync_now'),
    onStatus: (callback) => followEvent<SyncStatus>(SYNC_STATUS_EVENT, callback),
  };
}
