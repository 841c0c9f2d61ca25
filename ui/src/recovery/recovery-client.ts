import { invoke } from '@tauri-apps/api/core';
import { followEvent } from '../app/follow-event';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { RecoveryResult } from '../bindings/RecoveryResult';
import type { RecoveryStatus } from '../bindings/RecoveryStatus';
import { toErrorPayload } from '../storage/errors';

/** Event the desktop app emits when its background check finds damage in the open database. */
export const DATABASE_DAMAGE_EVENT = 'koda://database-damage';

/** What the desktop app offers when its database will not open (and the damage warning later). */
export interface RecoveryBackend {
  /** Why the database did not open, with the backups there are; null when it is open. */
  status(): Promise<RecoveryStatus | null>;
  /**
   * Moves the database that did not open into the backups folder (`keptAs`), puts the backup
   * `name` in its place (null: the newest) and opens it. Rejects `{code, message}`.
   */
  restoreBackup(name: string | null): Promise<RecoveryResult>;
  /** Moves the database that did not open aside (`keptAs`) and starts a new, empty one. */
  startEmpty(): Promise<RecoveryResult>;
  openDataFolder(): Promise<void>;
  openLogsFolder(): Promise<void>;
  /** Damage found while the app runs (`koda://database-damage`). Returns an unsubscribe function. */
  onDamage(callback: (error: ErrorPayload) => void): () => void;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

/**
 * The desktop app's commands: `recovery_status`, `recovery_restore_backup` (`{ name }`),
 * `recovery_start_empty`, `open_data_folder`, `open_logs_folder`.
 */
export function tauriRecoveryBackend(): RecoveryBackend {
  return {
    status: () => call<RecoveryStatus | null>('recovery_status'),
    restoreBackup: (name) => call<RecoveryResult>('recovery_restore_backup', { name }),
    startEmpty: () => call<RecoveryResult>('recovery_start_empty'),
    openDataFolder: () => call<null>('open_data_folder').then(() => undefined),
    openLogsFolder: () => call<null>('open_logs_folder').then(() => undefined),
    onDamage: (callback) =>
      followEvent<ErrorPayload>(DATABASE_DAMAGE_EVENT, (payload) => callback(toErrorPayload(payload))),
  };
}
