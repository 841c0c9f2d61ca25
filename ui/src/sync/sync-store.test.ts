import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../bindings/SyncStatus';
import type { SyncBackend } from './sync-client';
import { useSync } from './sync-store';

const off: SyncStatus = { enabled: false, url: null, hasToken: false, state: 'off', pending: 0 };

function fakeBackend() {
  let push: (status: SyncStatus) => void = () => {};
  const backend: SyncBackend & { push: (s: SyncStatus) => void } = {
    getStatus: vi.fn(async () => off),
    configure: vi.fn(async (enabled: boolean, url: string, token: string | null) => ({
      enabled,
      url,
      hasToken: token !== null,
      state: enabled ? 'syncing' : 'off',
      pending: 0,
    })),
    test: vi.fn(async (url: string) => {
      if (url.startsWith('ftp://')) throw { code: 'config', message: 'bad URL' };
    }),
    syncNow: vi.fn(async () => ({ ...off, enabled: true, state: 'synced', lastSyncAt: 5 })),
    onStatus: vi.fn((callback: (status: SyncStatus) => void) => {
      push = callback;
      return () => (push = () => {});
    }),
    push: (s) => push(s),
  };
  return backend;
}

afterEach(() => useSync.setState({ backend: null, status: null }));

describe('sync store', () => {
  it('reads the status, then follows the app’s status events', async () => {
    const backend = fakeBackend();
    const stop = useSync.getState().start(backend);
    await vi.waitFor(() => expect(useSync.getState().status).toEqual(off));
    backend.push({ ...off, enabled: true, state: 'offline', pending: 2 });
    expect(useSync.getState().status?.state).toBe('offline');
    stop();
    expect(useSync.getState().status).toBeNull();
  });

  it('configures, tests and syncs through the app, keeping the answers', async () => {
    const backend = fakeBackend();
    useSync.getState().start(backend);
    await useSync.getState().configure(true, 'libsql://db.turso.io', null);
    expect(backend.configure).toHaveBeenCalledWith(true, 'libsql://db.turso.io', null);
    expect(useSync.getState().status?.state).toBe('syncing');
    await expect(useSync.getState().test('https://x', 'secret')).resolves.toBeUndefined();
    await expect(useSync.getState().test('ftp://x', null)).rejects.toEqual({
      code: 'config',
      message: 'bad URL',
    });
    await useSync.getState().syncNow();
    expect(useSync.getState().status?.lastSyncAt).toBe(5);
  });

  it('refuses to act without the desktop app', async () => {
    await expect(useSync.getState().syncNow()).rejects.toMatchObject({ code: 'config' });
  });
});
