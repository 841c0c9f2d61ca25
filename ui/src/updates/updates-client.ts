import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { DownloadProgress } from '../bindings/DownloadProgress';
import type { UpdateStatus } from '../bindings/UpdateStatus';
import { followEvent } from '../app/follow-event';
import { toErrorPayload } from '../storage/errors';

/** Event the desktop app emits when its check a few seconds after start finds an update. */
export const UPDATE_EVENT = 'koda://update';
/** Event the desktop app emits while an update downloads: how much has arrived. */
export const UPDATE_PROGRESS_EVENT = 'koda://update-progress';

/** Updating as the desktop app offers it. Every call answers where updating stands now. */
export interface UpdatesBackend {
  /** The last known status (`update_status`). */
  status(): Promise<UpdateStatus>;
  /** Asks the release server now (`check_for_update`). */
  check(): Promise<UpdateStatus>;
  /** Downloads the update found, checks its signature and keeps it: `ready` (`download_update`). */
  download(): Promise<UpdateStatus>;
  /** Installs the kept update and restarts; answers only if that failed (`restart_to_update`). */
  restartToUpdate(): Promise<UpdateStatus>;
  /** Updates found by the check at start (`koda://update`). Returns an unsubscribe function. */
  onUpdate(callback: (status: UpdateStatus) => void): () => void;
  /** How much of a downloading update has arrived (`koda://update-progress`). Returns an unsubscribe function. */
  onProgress(callback: (progress: DownloadProgress) => void): () => void;
}

async function call<T>(command: string): Promise<T> {
  try {
    return await invoke<T>(command);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

type Listen = typeof listen;

/** The desktop app's update commands and events; `listenTo` is replaceable for tests. */
export function tauriUpdatesBackend(listenTo: Listen = listen): UpdatesBackend {
  return {
    status: () => call<UpdateStatus>('update_status'),
    check: () => call<UpdateStatus>('check_for_update'),
    download: () => call<UpdateStatus>('download_update'),
    restartToUpdate: () => call<UpdateStatus>('restart_to_update'),
    onUpdate: (callback) => followEvent(UPDATE_EVENT, callback, listenTo),
    onProgress: (callback) => followEvent(UPDATE_PROGRESS_EVENT, callback, listenTo),
  };
}
