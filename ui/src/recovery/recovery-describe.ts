import type { BackupInfo } from '../bindings/BackupInfo';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { RecoveryResult } from '../bindings/RecoveryResult';
import type { RecoveryStatus } from '../bindings/RecoveryStatus';
import { describeError } from '../storage/errors';

/** The action the screen puts first and focuses. */
export type PrimaryAction = 'restore' | 'start-empty' | 'open-data-folder' | 'retry';

export interface RecoveryCopy {
  title: string;
  /** What happened and what to do, in plain words. */
  explanation: string;
  /** A caution shown above the backups (a newer database: restoring loses newer work). */
  warning: string | null;
  primary: PrimaryAction;
  /** Restore and Start empty work on the database file; a server database has none here. */
  fileActions: boolean;
  /** Restoring asks first (it would lose work a backup does not have). */
  confirmRestore: boolean;
  /** How the file that did not open is called: "damaged file", "newer database file", … */
  fileWord: string;
  /** Why it is worth keeping: "to restore or repair later", … */
  keptFor: string;
}

/** "file error: permission denied" → "File error: permission denied." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return 'Something went wrong.';
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** Title, explanation and the action to put first, by the error's code. */
export function describeRecovery(status: RecoveryStatus): RecoveryCopy {
  const fileActions = status.databasePath !== null;
  const hasBackups = fileActions && status.backups.length > 0;
  // When the file itself is the problem, a backup is the way back (else a fresh start).
  const restoreFirst: PrimaryAction = hasBackups ? 'restore' : fileActions ? 'start-empty' : 'retry';
  const base = {
    warning: null,
    fileActions,
    confirmRestore: false,
    fileWord: 'database file',
    keptFor: 'to go back to later',
  };
  switch (status.error.code) {
    case 'corrupt_database':
      return {
        ...base,
        title: 'Your database file is damaged',
        explanation:
          'Koda can’t read the file that holds your canvases. This can happen after a crash, a power cut ' +
          'or a full disk, or when a sync tool copies the file while Koda writes it. A backup brings ' +
          'your canvases back as they were when it was made.',
        primary: restoreFirst,
        fileWord: 'damaged file',
        keptFor: 'to restore or repair later',
      };
    case 'database_too_new':
      return {
        ...base,
        title: 'This database was saved by a newer Koda',
        explanation:
          'A newer version of Koda has updated this database, and this version can’t read it. Update ' +
          'Koda to open it with nothing lost. You can copy the file somewhere safe first: open the data ' +
          'folder.',
        warning:
          'Restoring an older backup instead loses the work saved since that backup. The newer file is ' +
          'kept in the backups folder, so an updated Koda can still open it.',
        primary: 'open-data-folder',
        confirmRestore: true,
        fileWord: 'newer database file',
        keptFor: 'for an updated Koda to open',
      };
    case 'disk_full':
      return {
        ...base,
        title: 'Your disk is full',
        explanation:
          'Koda couldn’t open your database because the disk has no space left. Nothing was changed. ' +
          'Free some space on the disk that holds your data folder, then try again.',
        primary: 'retry',
      };
    case 'busy':
      return {
        ...base,
        title: 'Your database is in use',
        explanation: 'Another Koda process has the database open. Close it, then try again.',
        primary: 'retry',
      };
    case 'migration_tampered':
    case 'database':
      return {
        ...base,
        title: 'Koda can’t open your database',
        explanation: sentence(status.error.message),
        primary: restoreFirst,
      };
    case 'unreachable':
      return {
        ...base,
        title: 'Koda can’t reach your database server',
        explanation: sentence(status.error.message),
        primary: 'retry',
      };
    default:
      return {
        ...base,
        title: 'Koda can’t open your database',
        explanation: sentence(status.error.message),
        primary: 'retry',
      };
  }
}

/** Backups, newest first (by time made; the later name first when two were made together). */
export function backupsNewestFirst(backups: BackupInfo[]): BackupInfo[] {
  return [...backups].sort((a, b) => b.createdAt - a.createdAt || b.name.localeCompare(a.name));
}

/** The backup `recovery_restore_backup` with `name: null` puts in place. */
export function newestBackup(backups: BackupInfo[]): BackupInfo | null {
  return backupsNewestFirst(backups)[0] ?? null;
}

/** The last part of a path, for either separator. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** The folder the file that did not open is moved into: where the backups are. */
export function backupsFolder(status: Pick<RecoveryStatus, 'dataDir' | 'backups'>): string {
  const backup = status.backups[0];
  if (backup) {
    const cut = Math.max(backup.path.lastIndexOf('/'), backup.path.lastIndexOf('\\'));
    if (cut > 0) return backup.path.slice(0, cut);
  }
  const separator = status.dataDir.includes('\\') && !status.dataDir.includes('/') ? '\\' : '/';
  return `${status.dataDir.replace(/[\\/]+$/, '')}${separator}backups`;
}

/** "Jan 12, 2025, 14:03": when a backup was made, in full. */
export function backupDate(createdAt: number): string {
  return new Date(createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An action's refusal in words (a missing backup is named as such, not as a canvas). */
export function describeActionError(error: ErrorPayload): string {
  if (error.code === 'not_found') return sentence(error.message);
  return sentence(describeError(error));
}

/** What the screen remembers across the reload that follows a recovery, for the toast. */
export interface RecoveryNotice {
  action: 'restore' | 'start-empty';
  /** The code of the error the database had (the wording of "damaged file"). */
  code: string;
  keptAs: string | null;
  restored: string | null;
}

/** The toast after the reload: what is open now and where the file that did not open was kept. */
export function recoveryNoticeText(notice: RecoveryNotice): string {
  const first =
    notice.action === 'restore'
      ? notice.restored
        ? `Restored the backup ${fileName(notice.restored)}.`
        : 'Restored the backup.'
      : 'Started with an empty database.';
  if (!notice.keptAs) return first;
  const what =
    notice.code === 'corrupt_database'
      ? 'The damaged file'
      : notice.code === 'database_too_new'
        ? 'The newer database file'
        : 'The previous database file';
  return `${first} ${what} was kept as ${notice.keptAs}`;
}

export function noticeFrom(
  action: RecoveryNotice['action'],
  code: string,
  result: RecoveryResult,
): RecoveryNotice {
  return { action, code, keptAs: result.keptAs, restored: result.restored };
}
