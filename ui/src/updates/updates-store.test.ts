import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DownloadProgress } from '../bindings/DownloadProgress';
import type { UpdateStatus } from '../bindings/UpdateStatus';
import { useToasts } from '../components/toast-store';
import type { UpdatesBackend } from './updates-client';
import { useUpdates } from './updates-store';
import { UPDATE_TOAST_MS, watchUpdates } from './watch-updates';

const info = { version: '0.2.0', currentVersion: '0.1.0', notes: 'Faster canvases', date: null };
const upToDate: UpdateStatus = { state: 'upToDate', currentVersion: '0.1.0' };
const available: UpdateStatus = { state: 'available', ...info };
const ready: UpdateStatus = { state: 'ready', ...info };

/** A stand-in for the app: `announce` is the check at start finding an update. */
function fakeBackend(first: UpdateStatus = upToDate) {
  let announce: (status: UpdateStatus) => void = () => {};
  let arrived: (progress: DownloadProgress) => void = () => {};
  const stop = vi.fn();
  const stopProgress = vi.fn();
  const backend = {
    status: vi.fn(async () => first),
    check: vi.fn(async (): Promise<UpdateStatus> => available),
    download: vi.fn(async (): Promise<UpdateStatus> => ready),
    restartToUpdate: vi.fn(async (): Promise<UpdateStatus> => ready),
    onUpdate: vi.fn((callback: (status: UpdateStatus) => void) => {
      announce = callback;
      return stop;
    }),
    onProgress: vi.fn((callback: (progress: DownloadProgress) => void) => {
      arrived = callback;
      return stopProgress;
    }),
  } satisfies UpdatesBackend;
  return {
    backend,
    stop,
    stopProgress,
    announce: (status: UpdateStatus) => announce(status),
    arrive: (progress: DownloadProgress) => arrived(progress),
  };
}

afterEach(() => {
  useUpdates.setState({ backend: null, status: null, busy: null, progress: null });
  useToasts.setState({ toasts: [] });
});

describe('updates store', () => {
  it('reads the last known status, follows announcements, and forgets it all when stopped', async () => {
    const { backend, stop, announce } = fakeBackend();
    const end = useUpdates.getState().start(backend);
    await vi.waitFor(() => expect(useUpdates.getState().status).toEqual(upToDate));
    announce(available);
    expect(useUpdates.getState().status).toEqual(available);
    end();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(useUpdates.getState()).toMatchObject({ backend: null, status: null, busy: null });
  });

  it('follows how much has arrived while downloading only, and forgets it when done', async () => {
    const { backend, stopProgress, arrive } = fakeBackend(available);
    const end = useUpdates.getState().start(backend);
    await vi.waitFor(() => expect(useUpdates.getState().status).toEqual(available));
    arrive({ received: 10, total: 100 });
    expect(useUpdates.getState().progress).toBeNull();
    let finish: (status: UpdateStatus) => void = () => {};
    backend.download.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const downloading = useUpdates.getState().download();
    arrive({ received: 40, total: 100 });
    expect(useUpdates.getState().progress).toEqual({ received: 40, total: 100 });
    finish(ready);
    await downloading;
    expect(useUpdates.getState()).toMatchObject({ status: ready, busy: null, progress: null });
    end();
    expect(stopProgress).toHaveBeenCalledTimes(1);
  });

  it('keeps an announcement that came before the answer to the first question', async () => {
    const { backend, announce } = fakeBackend();
    let answer: (status: UpdateStatus) => void = () => {};
    backend.status.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    useUpdates.getState().start(backend);
    announce(available);
    answer(upToDate);
    await Promise.resolve();
    expect(useUpdates.getState().status).toEqual(available);
  });

  it('checks, downloads and restarts, busy meanwhile, one thing at a time', async () => {
    const { backend } = fakeBackend();
    useUpdates.getState().start(backend);
    const checking = useUpdates.getState().check();
    expect(useUpdates.getState().busy).toBe('checking');
    // A second click while busy does nothing.
    await useUpdates.getState().download();
    expect(backend.download).not.toHaveBeenCalled();
    await checking;
    expect(useUpdates.getState()).toMatchObject({ status: available, busy: null });

    const downloading = useUpdates.getState().download();
    expect(useUpdates.getState().busy).toBe('downloading');
    await downloading;
    expect(useUpdates.getState()).toMatchObject({ status: ready, busy: null });

    const failed: UpdateStatus = {
      state: 'failed',
      currentVersion: '0.1.0',
      message: 'Koda 0.2.0 was not installed',
    };
    backend.restartToUpdate.mockResolvedValueOnce(failed);
    const restarting = useUpdates.getState().restart();
    expect(useUpdates.getState().busy).toBe('restarting');
    await restarting;
    expect(useUpdates.getState()).toMatchObject({ status: failed, busy: null });
    expect(backend.check).toHaveBeenCalledTimes(1);
    expect(backend.download).toHaveBeenCalledTimes(1);
    expect(backend.restartToUpdate).toHaveBeenCalledTimes(1);
  });

  it('shows a call that failed as a failed update, keeping the version', async () => {
    const { backend } = fakeBackend();
    backend.check.mockRejectedValueOnce({ code: 'unknown', message: 'command check_for_update not found' });
    useUpdates.getState().start(backend);
    await vi.waitFor(() => expect(useUpdates.getState().status).toEqual(upToDate));
    await useUpdates.getState().check();
    expect(useUpdates.getState()).toMatchObject({
      busy: null,
      status: { state: 'failed', currentVersion: '0.1.0', message: 'command check_for_update not found' },
    });
  });

  it('does nothing in the browser (no app to ask)', async () => {
    await useUpdates.getState().check();
    expect(useUpdates.getState()).toMatchObject({ status: null, busy: null });
  });
});

describe('watchUpdates', () => {
  it('announces a found update with a toast whose button shows the card', async () => {
    const { backend, announce } = fakeBackend();
    const openUpdates = vi.fn();
    const stop = watchUpdates(backend, openUpdates);
    await vi.waitFor(() => expect(useUpdates.getState().status).toEqual(upToDate));
    expect(useToasts.getState().toasts).toHaveLength(0);

    announce(available);
    const [toast] = useToasts.getState().toasts;
    expect(toast).toMatchObject({ message: 'Koda 0.2.0 is available', durationMs: UPDATE_TOAST_MS });
    expect(toast.action).toMatchObject({ label: 'What’s new', testId: 'update-toast-open' });
    toast.action!.onClick();
    expect(openUpdates).toHaveBeenCalledTimes(1);

    // Only a found update is news.
    announce(upToDate);
    expect(useToasts.getState().toasts).toHaveLength(1);
    stop();
  });
});
