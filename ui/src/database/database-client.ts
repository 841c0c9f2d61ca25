import { invoke } from '@tauri-apps/api/core';
import { followEvent } from '../app/follow-event';
import type { CopyProgress } from '../bindings/CopyProgress';
import type { CopyReport } from '../bindings/CopyReport';
import type { DatabaseStatus } from '../bindings/DatabaseStatus';
import type { PostgresCheck } from '../bindings/PostgresCheck';
import { toErrorPayload } from '../storage/errors';

/** Event the desktop app emits while moving data between SQLite and PostgreSQL. */
export const COPY_PROGRESS_EVENT = 'koda://copy-progress';

/**
 * Settings → Database as the desktop app offers it. The PostgreSQL URL goes in and never comes
 * back: the app answers with `displayUrl`, its password hidden.
 */
export interface DatabaseBackend {
  status(): Promise<DatabaseStatus>;
  /**
   * Logs in and reads what is there, changing nothing. Rejects `{code, message}` (access_denied,
   * unreachable, config, database_too_new).
   */
  testPostgres(url: string, schema: string | null): Promise<PostgresCheck>;
  /** Copies everything to the server and verifies it; the app uses the server from its next start. */
  moveToPostgres(url: string, schema: string | null): Promise<CopyReport>;
  /** Copies the server's canvases back into this computer's SQLite file; used from the next start. */
  moveToSqlite(): Promise<CopyReport>;
  /** Progress of a move, pushed by the app. Returns an unsubscribe function. */
  onProgress(callback: (progress: CopyProgress) => void): () => void;
  restart(): Promise<void>;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

/**
 * The desktop app's commands: `database_status`, `database_test_postgres`,
 * `database_move_to_postgres`, `database_move_to_sqlite`, `restart_app`.
 */
export function tauriDatabaseBackend(): DatabaseBackend {
  return {
    status: () => call<DatabaseStatus>('database_status'),
    testPostgres: (url, schema) => call<PostgresCheck>('database_test_postgres', { url, schema }),
    moveToPostgres: (url, schema) => call<CopyReport>('database_move_to_postgres', { url, schema }),
    moveToSqlite: () => call<CopyReport>('database_move_to_sqlite'),
    onProgress: (callback) => followEvent<CopyProgress>(COPY_PROGRESS_EVENT, callback),
    restart: () => call<null>('restart_app').then(() => undefined),
  };
}
