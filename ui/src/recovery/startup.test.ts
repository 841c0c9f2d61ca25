import { afterEach, describe, expect, it, vi } from 'vitest';
import { useApp } from '../app/app-store';
import type { RecoveryStatus } from '../bindings/RecoveryStatus';
import { DEFAULT_PROFILE, DEFAULT_SETTINGS } from '../storage/defaults';
import type { StorageProvider } from '../storage/types';
import type { RecoveryBackend } from './recovery-client';

const failed: RecoveryStatus = {
  error: { code: 'corrupt_database', message: 'the database file is damaged or is not a Koda database' },
  dataDir: '/data',
  databasePath: '/data/koda.db',
  backups: [],
};

function provider(isDesktop: boolean, fails = false) {
  const read = vi.fn(async () => {
    if (fails) throw { code: 'database_too_new', message: 'schema 9' };
    return DEFAULT_SETTINGS;
  });
  return {
    isDesktop,
    getSettings: read,
    getProfile: vi.fn(async () => DEFAULT_PROFILE),
  } as unknown as StorageProvider & { getSettings: typeof read };
}
const recovery = (status: () => Promise<RecoveryStatus | null>) =>
  ({ status: vi.fn(status) }) as unknown as RecoveryBackend;

afterEach(() => useApp.setState({ provider: null, ready: false, startupError: null, recovery: null }));

describe('start-up on the desktop', () => {
  it('asks whether the database opened; if not, the recovery screen gets the status', async () => {
    const p = provider(true);
    await useApp.getState().init(
      p,
      recovery(async () => failed),
    );
    const state = useApp.getState();
    expect(state.ready).toBe(true);
    expect(state.recovery).toEqual(failed);
    expect(state.startupError).toBe(failed.error.message);
    expect(p.getSettings).not.toHaveBeenCalled();
  });

  it('the database is open: starts as usual', async () => {
    const p = provider(true);
    await useApp.getState().init(
      p,
      recovery(async () => null),
    );
    expect(useApp.getState().recovery).toBeNull();
    expect(useApp.getState().startupError).toBeNull();
    expect(p.getSettings).toHaveBeenCalled();
  });

  it('an app that cannot answer (no recovery command): starts as before, errors in words', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const p = provider(true, true);
    await useApp.getState().init(
      p,
      recovery(async () => {
        throw 'command recovery_status not found';
      }),
    );
    expect(useApp.getState().recovery).toBeNull();
    expect(useApp.getState().startupError).toContain('newer Koda');
  });

  it('the browser never asks', async () => {
    const p = provider(false);
    await useApp.getState().init(p);
    expect(useApp.getState().recovery).toBeNull();
    expect(useApp.getState().ready).toBe(true);
  });
});
