import { create } from 'zustand';
import type { SyncStatus } from '../bindings/SyncStatus';
import { toErrorPayload } from '../storage/errors';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { SyncBackend } from './sync-client';

interface SyncStoreState {
  backend: SyncBackend | null;
  /** Null until the desktop app answered (and always in the browser). */
  status: SyncStatus | null;
  /** Connects to the app: reads the status and follows its changes. Returns a stop function. */
  start: (backend: SyncBackend) => () => void;
  /** Turns sync on/off or changes its settings; `token` null keeps the stored one. Rejects `{code, message}`. */
  configure: (enabled: boolean, url: string, token: string | null) => Promise<SyncStatus>;
  test: (url: string, token: string | null) => Promise<void>;
  syncNow: () => Promise<SyncStatus>;
}

function backendOf(get: () => SyncStoreState): SyncBackend {
  const backend = get().backend;
  if (!backend)
    throw {
      code: 'config',
      message: 'Cloud sync is only available in the desktop app.',
    } satisfies ErrorPayload;
  return backend;
}

/** Cloud sync status for Settings and the badges; every answer from the app replaces it. */
export const useSync = create<SyncStoreState>((set, get) => ({
  backend: null,
  status: null,
  start: (backend) => {
    set({ backend });
    const stop = backend.onStatus((status) => set({ status }));
    backend.getStatus().then(
      (status) => set({ status }),
      (raw) => console.error('could not read the sync status', toErrorPayload(raw)),
    );
    return () => {
      stop();
      set({ backend: null, status: null });
    };
  },
  configure: async (enabled, url, token) => {
    const status = await backendOf(get)
      .configure(enabled, url, token)
      .catch((raw) => Promise.reject(toErrorPayload(raw)));
    set({ status });
    return status;
  },
  test: (url, token) =>
    backendOf(get)
      .test(url, token)
      .catch((raw) => Promise.reject(toErrorPayload(raw))),
  syncNow: async () => {
    const status = await backendOf(get)
      .syncNow()
      .catch((raw) => Promise.reject(toErrorPayload(raw)));
    set({ status });
    return status;
  },
}));
