import { create } from 'zustand';
import type { Backend } from '../bindings/Backend';
import type { CopyReport } from '../bindings/CopyReport';
import type { DatabaseStatus } from '../bindings/DatabaseStatus';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { PostgresCheck } from '../bindings/PostgresCheck';
import { toErrorPayload } from '../storage/errors';
import { reduceProgress, type CopyProgressView } from './copy-progress';
import type { DatabaseBackend } from './database-client';
import { describeDatabaseError } from './database-describe';

/** A move between SQLite and PostgreSQL: running (with progress), done (restart pending), or failed. */
export type MoveState =
  | { state: 'idle' }
  | { state: 'moving'; to: Backend; progress: CopyProgressView | null }
  | { state: 'moved'; to: Backend; report: CopyReport }
  | { state: 'failed'; to: Backend; code: string; message: string };

interface DatabaseStoreState {
  backend: DatabaseBackend | null;
  /** Null until the desktop app answered (and always in the browser). */
  status: DatabaseStatus | null;
  statusError: string | null;
  move: MoveState;
  /** Connects to the app: reads the status and follows move progress. Returns a stop function. */
  start: (backend: DatabaseBackend) => () => void;
  refresh: () => Promise<void>;
  /** Rejects `{code, message}`. */
  testPostgres: (url: string, schema: string | null) => Promise<PostgresCheck>;
  /** Never rejects: the outcome is in `move` (the report, or the failure in words); resolves to the report or null. */
  moveToPostgres: (url: string, schema: string | null) => Promise<CopyReport | null>;
  moveToSqlite: () => Promise<CopyReport | null>;
  /** Forgets a failed move. */
  dismissFailure: () => void;
  restart: () => Promise<void>;
}

const desktopOnly: ErrorPayload = {
  code: 'config',
  message: 'Choosing a database is only available in the desktop app.',
};

/** Which database this install uses and any move in progress, for Settings, the badges and Cloud sync. */
export const useDatabase = create<DatabaseStoreState>((set, get) => {
  const backendOf = (): DatabaseBackend => {
    const backend = get().backend;
    if (!backend) throw desktopOnly;
    return backend;
  };

  const runMove = async (
    to: Backend,
    work: (backend: DatabaseBackend) => Promise<CopyReport>,
  ): Promise<CopyReport | null> => {
    const backend = get().backend;
    if (!backend) {
      set({ move: { state: 'failed', to, code: desktopOnly.code, message: desktopOnly.message } });
      return null;
    }
    const move = get().move.state;
    if (move === 'moving' || move === 'moved') return null;
    set({ move: { state: 'moving', to, progress: null } });
    try {
      const report = await work(backend);
      set({ move: { state: 'moved', to, report } });
      // The app now names the chosen server (password hidden); the backend in use changes at restart.
      void get().refresh();
      return report;
    } catch (raw) {
      const error = toErrorPayload(raw);
      set({ move: { state: 'failed', to, code: error.code, message: describeDatabaseError(error) } });
      return null;
    }
  };

  return {
    backend: null,
    status: null,
    statusError: null,
    move: { state: 'idle' },
    start: (backend) => {
      set({ backend, status: null, statusError: null, move: { state: 'idle' } });
      const stop = backend.onProgress((event) => {
        const move = get().move;
        if (move.state !== 'moving') return;
        const progress = reduceProgress(move.progress, event);
        if (progress !== move.progress) set({ move: { ...move, progress } });
      });
      void get().refresh();
      return () => {
        stop();
        set({ backend: null, status: null, statusError: null, move: { state: 'idle' } });
      };
    },
    refresh: async () => {
      const backend = get().backend;
      if (!backend) return;
      try {
        const status = await backend.status();
        if (get().backend === backend) set({ status, statusError: null });
      } catch (raw) {
        if (get().backend === backend) set({ statusError: describeDatabaseError(toErrorPayload(raw)) });
      }
    },
    testPostgres: async (url, schema) => {
      try {
        return await backendOf().testPostgres(url, schema);
      } catch (raw) {
        throw toErrorPayload(raw);
      }
    },
    moveToPostgres: (url, schema) => runMove('postgres', (backend) => backend.moveToPostgres(url, schema)),
    moveToSqlite: () => runMove('sqlite', (backend) => backend.moveToSqlite()),
    dismissFailure: () => {
      if (get().move.state === 'failed') set({ move: { state: 'idle' } });
    },
    restart: async () => {
      try {
        await backendOf().restart();
      } catch (raw) {
        throw toErrorPayload(raw);
      }
    },
  };
});

/** True while this install runs on a team PostgreSQL database (false until known, and in the browser). */
export function useOnPostgres(): boolean {
  return useDatabase((s) => s.status?.backend === 'postgres');
}
