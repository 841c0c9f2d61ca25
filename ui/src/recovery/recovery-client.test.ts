import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
const listeners: Record<string, (event: { payload: unknown }) => void> = {};
const unlisten = vi.fn();

vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, handler: (event: { payload: unknown }) => void) => {
    listeners[name] = handler;
    return unlisten;
  },
}));

const { tauriRecoveryBackend, DATABASE_DAMAGE_EVENT } = await import('./recovery-client');

beforeEach(() => {
  invoke.mockReset();
  invoke.mockResolvedValue(null);
});

describe('the desktop app’s recovery commands', () => {
  it('calls them by name with their arguments', async () => {
    const backend = tauriRecoveryBackend();
    await backend.status();
    await backend.restoreBackup(null);
    await backend.restoreBackup('koda-2025-01-10.db');
    await backend.startEmpty();
    await backend.openDataFolder();
    await backend.openLogsFolder();
    expect(invoke.mock.calls).toEqual([
      ['recovery_status', undefined],
      ['recovery_restore_backup', { name: null }],
      ['recovery_restore_backup', { name: 'koda-2025-01-10.db' }],
      ['recovery_start_empty', undefined],
      ['open_data_folder', undefined],
      ['open_logs_folder', undefined],
    ]);
  });

  it('passes the status and results through', async () => {
    const result = { keptAs: '/d/backups/koda-damaged.db', restored: 'koda-2025-01-12.db' };
    invoke.mockResolvedValueOnce(result);
    await expect(tauriRecoveryBackend().restoreBackup(null)).resolves.toEqual(result);
    invoke.mockResolvedValueOnce(null);
    await expect(tauriRecoveryBackend().status()).resolves.toBeNull();
  });

  it('a refusal is always {code, message}', async () => {
    invoke.mockRejectedValueOnce({ code: 'disk_full', message: 'the disk is full' });
    await expect(tauriRecoveryBackend().startEmpty()).rejects.toEqual({
      code: 'disk_full',
      message: 'the disk is full',
    });
    invoke.mockRejectedValueOnce('command recovery_status not found');
    await expect(tauriRecoveryBackend().status()).rejects.toEqual({
      code: 'unknown',
      message: 'command recovery_status not found',
    });
  });

  it('hears koda://database-damage until unsubscribed', async () => {
    const heard = vi.fn();
    const stop = tauriRecoveryBackend().onDamage(heard);
    await vi.waitFor(() => expect(listeners[DATABASE_DAMAGE_EVENT]).toBeDefined());
    expect(DATABASE_DAMAGE_EVENT).toBe('koda://database-damage');
    listeners[DATABASE_DAMAGE_EVENT]({ payload: { code: 'corrupt_database', message: 'row 4 missing' } });
    expect(heard).toHaveBeenCalledWith({ code: 'corrupt_database', message: 'row 4 missing' });
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});
