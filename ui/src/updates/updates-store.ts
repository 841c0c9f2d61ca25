import { create } from 'zustand';
import type { DownloadProgress } from '../bindings/DownloadProgress';
import type { UpdateStatus } from '../bindings/UpdateStatus';
import { describeError, toErrorPayload } from '../storage/errors';
import type { UpdatesBackend } from './updates-client';

/** What is under way: the card's buttons wait and say so. */
export type UpdateBusy = 'checking' | 'downloading' | 'restarting';

interface UpdatesState {
  backend: UpdatesBackend | null;
  /** Null until the desktop app answered (and always in the browser). */
  status: UpdateStatus | null;
  busy: UpdateBusy | null;
  /** How much of the update has arrived, while it downloads. */
  progress: DownloadProgress | null;
  /**
   * Connects to the app: reads the status and follows `koda://update`, handing each announced
   * status to `onAnnounced` too (the toast). Returns a stop function.
   */
  start: (backend: UpdatesBackend, onAnnounced?: (status: UpdateStatus) => void) => () => void;
  /** Asks the release server now. */
  check: () => Promise<void>;
  /** Downloads the update found; it is installed the next time Koda starts. */
  download: () => Promise<void>;
  /** Installs the downloaded update and restarts Koda. */
  restart: () => Promise<void>;
}

/** A call that failed as a call (not as an update): shown as the app shows a failed update. */
function failedStatus(previous: UpdateStatus | null, raw: unknown): UpdateStatus {
  return {
    state: 'failed',
    currentVersion: previous?.currentVersion ?? '',
    message: describeError(toErrorPayload(raw)),
  };
}

/** Where updating stands (desktop app only), for Settings → General, the toast and the menu. */
export const useUpdates = create<UpdatesState>((set, get) => {
  /** One thing at a time: a click while busy (or in the browser) does nothing. */
  async function run(busy: UpdateBusy, ask: (backend: UpdatesBackend) => Promise<UpdateStatus>) {
    const backend = get().backend;
    if (!backend || get().busy) return;
    set({ busy });
    try {
      const status = await ask(backend);
      if (get().backend === backend) set({ status });
    } catch (raw) {
      if (get().backend === backend) set({ status: failedStatus(get().status, raw) });
    } finally {
      if (get().backend === backend) set({ busy: null, progress: null });
    }
  }

  return {
    backend: null,
    status: null,
    busy: null,
    progress: null,
    start: (backend, onAnnounced) => {
      set({ backend, status: null, busy: null, progress: null });
      const stop = backend.onUpdate((status) => {
        set({ status });
        onAnnounced?.(status);
      });
      const stopProgress = backend.onProgress((progress) => {
        if (get().busy === 'downloading') set({ progress });
      });
      backend.status().then(
        // An announcement that came first is newer than this answer.
        (status) => get().backend === backend && get().status === null && set({ status }),
        (raw) => console.error('could not read the update status', toErrorPayload(raw)),
      );
      return () => {
        stop();
        stopProgress();
        if (get().backend === backend) set({ backend: null, status: null, busy: null, progress: null });
      };
    },
    check: () => run('checking', (backend) => backend.check()),
    download: () => run('downloading', (backend) => backend.download()),
    restart: () => run('restarting', (backend) => backend.restartToUpdate()),
  };
});
