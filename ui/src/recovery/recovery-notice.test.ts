import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import { useToasts } from '../components/toast-store';
import type { RecoveryNotice } from './recovery-describe';
import {
  announceRecovery,
  DAMAGE_MESSAGE,
  recoverAndReload,
  rememberRecovery,
  takeRecoveryNotice,
  UNTIL_DISMISSED,
  watchDatabaseDamage,
} from './recovery-notice';

const notice: RecoveryNotice = {
  action: 'restore',
  code: 'corrupt_database',
  keptAs: '/home/you/.local/share/koda/backups/koda-damaged-2025-01-13.db',
  restored: 'koda-2025-01-12.db',
};

afterEach(() => {
  window.sessionStorage.clear();
  useToasts.setState({ toasts: [] });
});

describe('the notice across the reload', () => {
  it('is read once', () => {
    rememberRecovery(notice);
    expect(takeRecoveryNotice()).toEqual(notice);
    expect(takeRecoveryNotice()).toBeNull();
  });

  it('ignores what is not a notice', () => {
    window.sessionStorage.setItem('koda.recovery-notice', '{oops');
    expect(takeRecoveryNotice()).toBeNull();
    window.sessionStorage.setItem('koda.recovery-notice', '{"action":"explode"}');
    expect(takeRecoveryNotice()).toBeNull();
  });

  it('recovering keeps the notice, then reloads', () => {
    const reload = vi.fn(() => expect(takeRecoveryNotice()).toEqual(notice));
    recoverAndReload(notice, reload);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('after the reload, a toast says where the damaged file was kept, with the folder a click away', async () => {
    const openDataFolder = vi.fn(async () => {});
    expect(announceRecovery(openDataFolder)).toBe(false);
    rememberRecovery(notice);
    expect(announceRecovery(openDataFolder)).toBe(true);
    const [toast] = useToasts.getState().toasts;
    expect(toast.message).toBe(
      'Restored the backup koda-2025-01-12.db. The damaged file was kept as ' +
        '/home/you/.local/share/koda/backups/koda-damaged-2025-01-13.db',
    );
    expect(toast.tone).toBe('success');
    expect(toast.durationMs).toBeGreaterThanOrEqual(15_000);
    toast.action?.onClick();
    expect(openDataFolder).toHaveBeenCalledOnce();
    // Shown once only.
    expect(announceRecovery(openDataFolder)).toBe(false);
  });
});

describe('damage found while running', () => {
  function fakeBackend() {
    let push: (error: ErrorPayload) => void = () => {};
    const stop = vi.fn();
    return {
      backend: {
        onDamage: (callback: (error: ErrorPayload) => void) => {
          push = callback;
          return stop;
        },
      },
      push: (error: ErrorPayload) => push(error),
      stop,
    };
  }
  const damage = { code: 'corrupt_database', message: 'quick_check: row 12 missing from index' };

  it('shows a toast that stays until dismissed, with Open Backups', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { backend, push, stop } = fakeBackend();
    const openBackups = vi.fn();
    const unsubscribe = watchDatabaseDamage(backend, openBackups);
    push(damage);
    const [toast] = useToasts.getState().toasts;
    expect(toast.message).toBe(DAMAGE_MESSAGE);
    expect(toast.message).toContain('Your canvases still open, but back up now');
    expect(toast.tone).toBe('error');
    expect(toast.durationMs).toBe(UNTIL_DISMISSED);
    expect(toast.action?.label).toBe('Open Backups');
    toast.action?.onClick();
    expect(openBackups).toHaveBeenCalledOnce();
    unsubscribe();
    expect(stop).toHaveBeenCalledOnce();
  });

  it('one toast at a time; again after it was dismissed', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { backend, push } = fakeBackend();
    watchDatabaseDamage(backend, () => {});
    push(damage);
    push(damage);
    expect(useToasts.getState().toasts).toHaveLength(1);
    useToasts.getState().dismiss(useToasts.getState().toasts[0].id);
    push(damage);
    expect(useToasts.getState().toasts).toHaveLength(1);
  });
});
