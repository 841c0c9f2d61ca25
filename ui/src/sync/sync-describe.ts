import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { SyncStatus } from '../bindings/SyncStatus';
import { relativeTime } from '../dashboard/relative-time';

export type SyncState = 'off' | 'synced' | 'syncing' | 'offline' | 'error';

const STATES: readonly SyncState[] = ['off', 'synced', 'syncing', 'offline', 'error'];

/** The status's state, as one of the five the UI knows (anything newer reads as an error). */
export function syncStateOf(status: Pick<SyncStatus, 'state' | 'enabled'>): SyncState {
  if (!status.enabled) return 'off';
  return STATES.includes(status.state as SyncState) ? (status.state as SyncState) : 'error';
}

/** A word or two for the badges. */
export function syncBadgeLabel(status: SyncStatus): string {
  switch (syncStateOf(status)) {
    case 'off':
      return 'Sync off';
    case 'synced':
      return 'Synced';
    case 'syncing':
      return 'Syncing…';
    case 'offline':
      return 'Offline';
    case 'error':
      return 'Sync error';
  }
}

/** The status line in Settings (and the badges' tooltip): state, last sync, what is waiting. */
export function syncStatusLine(status: SyncStatus, now: number = Date.now()): string {
  const state = syncStateOf(status);
  const waiting =
    status.pending > 0 ? ` · ${status.pending === 1 ? '1 change' : `${status.pending} changes`} waiting` : '';
  const last = status.lastSyncAt ? `last synced ${relativeTime(status.lastSyncAt, now)}` : 'not synced yet';
  switch (state) {
    case 'off':
      return 'Off — canvases stay on this computer';
    case 'synced':
      return `Synced · ${last}${waiting}`;
    case 'syncing':
      return `Syncing…${waiting}`;
    case 'offline':
      return `Offline — will sync when the connection is back · ${last}${waiting}`;
    case 'error':
      return `Error: ${status.message?.trim() || 'sync stopped'} · ${last}${waiting}`;
  }
}

/** What a failed Test connection / Sync means, for a person. */
export function describeSyncError(error: ErrorPayload): string {
  switch (error.code) {
    case 'offline':
      return `Can’t reach the database — check the URL and your connection.${error.message ? ` (${error.message})` : ''}`;
    case 'remote_too_new':
      return 'This database was set up by a newer Koda. Update Koda on this computer to sync with it.';
    case 'remote':
      return `The database refused: ${error.message}`;
    case 'config':
      return error.message || 'Check the database URL and token.';
    default:
      return error.message || 'Something went wrong';
  }
}
