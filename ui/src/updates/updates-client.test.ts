import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../bindings/UpdateStatus';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { tauriUpdatesBackend, UPDATE_EVENT, UPDATE_PROGRESS_EVENT } = await import('./updates-client');

const upToDate: UpdateStatus = { state: 'upToDate', currentVersion: '0.1.0' };

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(upToDate);
});

describe('the desktop app’s update commands', () => {
  it('calls them by name, without arguments, and passes the status through', async () => {
    const backend = tauriUpdatesBackend();
    await expect(backend.status()).resolves.toEqual(upToDate);
    await backend.check();
    await backend.download();
    await backend.restartToUpdate();
    expect(invoke.mock.calls).toEqual([
      ['update_status'],
      ['check_for_update'],
      ['download_update'],
      ['restart_to_update'],
    ]);
  });

  it('a refusal is always {code, message}', async () => {
    invoke.mockRejectedValueOnce('command check_for_update not found');
    await expect(tauriUpdatesBackend().check()).rejects.toEqual({
      code: 'unknown',
      message: 'command check_for_update not found',
    });
  });

  it('follows koda://update until stopped, also when stopped before it listens', async () => {
    const unlisten = vi.fn();
    let handler: ((event: { payload: UpdateStatus }) => void) | null = null;
    const listenTo = vi.fn(async (event: string, h: (event: { payload: UpdateStatus }) => void) => {
      expect(event).toBe(UPDATE_EVENT);
      handler = h;
      return unlisten;
    });
    const seen: UpdateStatus[] = [];
    const stop = tauriUpdatesBackend(listenTo as never).onUpdate((status) => seen.push(status));
    await Promise.resolve();
    handler!({ payload: upToDate });
    expect(seen).toEqual([upToDate]);
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);

    const early = tauriUpdatesBackend(listenTo as never).onUpdate(() => {});
    early();
    await vi.waitFor(() => expect(unlisten).toHaveBeenCalledTimes(2));
  });

  it('hears download progress on its own event', async () => {
    let heard = '';
    let handler: ((event: { payload: unknown }) => void) | null = null;
    const listenTo = vi.fn(async (event: string, h: (event: { payload: unknown }) => void) => {
      heard = event;
      handler = h;
      return () => {};
    });
    const seen: unknown[] = [];
    tauriUpdatesBackend(listenTo as never).onProgress((progress) => seen.push(progress));
    await Promise.resolve();
    handler!({ payload: { received: 5, total: 10 } });
    expect(heard).toBe(UPDATE_PROGRESS_EVENT);
    expect(seen).toEqual([{ received: 5, total: 10 }]);
  });
});
