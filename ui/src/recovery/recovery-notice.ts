import type { ErrorPayload } from '../bindings/ErrorPayload';
import { showToast, useToasts } from '../components/toast-store';
import { recoveryNoticeText, type RecoveryNotice } from './recovery-describe';
import type { RecoveryBackend } from './recovery-client';

/** Where the recovery screen leaves its notice for the page that loads after it. */
const NOTICE_KEY = 'koda.recovery-notice';

/** Keeps the notice for after the reload (sessionStorage: this window only, gone when it closes). */
export function rememberRecovery(notice: RecoveryNotice, storage: Storage = window.sessionStorage): void {
  try {
    storage.setItem(NOTICE_KEY, JSON.stringify(notice));
  } catch (error) {
    console.warn('could not keep the recovery notice', error);
  }
}

/** The notice a recovery left before the reload, once (it is removed as it is read). */
export function takeRecoveryNotice(storage: Storage = window.sessionStorage): RecoveryNotice | null {
  let raw: string | null = null;
  try {
    raw = storage.getItem(NOTICE_KEY);
    storage.removeItem(NOTICE_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const notice = JSON.parse(raw) as RecoveryNotice;
    return notice && (notice.action === 'restore' || notice.action === 'start-empty') ? notice : null;
  } catch {
    return null;
  }
}

/**
 * After a recovery, the app starts again from scratch (every store reads the reopened
 * database), as if Koda had just been opened; the toast then says where the old file went.
 */
export function recoverAndReload(
  notice: RecoveryNotice,
  reload: () => void = () => window.location.reload(),
) {
  rememberRecovery(notice);
  reload();
}

/** Shows the toast a recovery left, if any; `openDataFolder` adds a button to show the kept file. */
export function announceRecovery(openDataFolder?: () => Promise<void>, storage?: Storage): boolean {
  const notice = takeRecoveryNotice(storage);
  if (!notice) return false;
  showToast({
    message: recoveryNoticeText(notice),
    tone: 'success',
    durationMs: 20_000,
    action:
      notice.keptAs && openDataFolder
        ? {
            label: 'Open data folder',
            testId: 'recovery-notice-open-folder',
            onClick: () =>
              void openDataFolder().catch((e) => console.error('could not open the data folder', e)),
          }
        : undefined,
  });
  return true;
}

/** Longest a timer may wait (2³¹−1 ms, about 24 days): the toast stays until it is dismissed. */
export const UNTIL_DISMISSED = 2 ** 31 - 1;

export const DAMAGE_MESSAGE =
  'Koda found damage in your database file. Your canvases still open, but back up now and restore ' +
  'from a backup soon.';

/**
 * Follows `koda://database-damage` (the app's background check of the open database) with a
 * toast that stays until dismissed; its "Open Backups" button calls `openBackups`. One at a time.
 */
export function watchDatabaseDamage(
  backend: Pick<RecoveryBackend, 'onDamage'>,
  openBackups: () => void,
): () => void {
  let shown: number | null = null;
  return backend.onDamage((error: ErrorPayload) => {
    console.warn('database damage found', error);
    if (shown !== null && useToasts.getState().toasts.some((t) => t.id === shown)) return;
    shown = showToast({
      message: DAMAGE_MESSAGE,
      tone: 'error',
      durationMs: UNTIL_DISMISSED,
      action: { label: 'Open Backups', testId: 'damage-open-backups', onClick: openBackups },
    });
  });
}
