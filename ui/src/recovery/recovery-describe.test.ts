import { describe, expect, it } from 'vitest';
import type { BackupInfo } from '../bindings/BackupInfo';
import type { RecoveryStatus } from '../bindings/RecoveryStatus';
import {
  backupsFolder,
  backupsNewestFirst,
  describeActionError,
  describeRecovery,
  fileName,
  newestBackup,
  recoveryNoticeText,
  sentence,
} from './recovery-describe';

const DAY = 86_400_000;
const dir = '/home/you/.local/share/koda';
const backup = (name: string, createdAt: number, bytes = 2_400_000): BackupInfo => ({
  path: `${dir}/backups/${name}`,
  name,
  bytes,
  createdAt,
});
const older = backup('koda-2025-01-10.db', 10 * DAY);
const newer = backup('koda-2025-01-12.db', 12 * DAY);

function status(code: string, change: Partial<RecoveryStatus> = {}): RecoveryStatus {
  return {
    error: { code, message: `${code} happened` },
    dataDir: dir,
    databasePath: `${dir}/koda.db`,
    backups: [older, newer],
    ...change,
  };
}

describe('what the recovery screen says, by error code', () => {
  it('a damaged file: plain title, restore first, the file called damaged', () => {
    const copy = describeRecovery(status('corrupt_database'));
    expect(copy.title).toBe('Your database file is damaged');
    expect(copy.explanation).toContain('A backup brings your canvases back');
    expect(copy.primary).toBe('restore');
    expect(copy.fileWord).toBe('damaged file');
    expect(copy.fileActions).toBe(true);
    expect(copy.confirmRestore).toBe(false);
    expect(copy.warning).toBeNull();
  });

  it('a damaged file and no backups: starting empty comes first', () => {
    expect(describeRecovery(status('corrupt_database', { backups: [] })).primary).toBe('start-empty');
  });

  it('a newer database: update first, open the folder first, restoring warns and asks', () => {
    const copy = describeRecovery(status('database_too_new'));
    expect(copy.title).toBe('This database was saved by a newer Koda');
    expect(copy.explanation).toContain('Update Koda');
    expect(copy.primary).toBe('open-data-folder');
    expect(copy.warning).toContain('loses the work saved since that backup');
    expect(copy.confirmRestore).toBe(true);
    expect(copy.fileWord).toBe('newer database file');
  });

  it('a full disk: free space, then try again', () => {
    const copy = describeRecovery(status('disk_full'));
    expect(copy.title).toBe('Your disk is full');
    expect(copy.explanation).toContain('Free some space');
    expect(copy.explanation).toContain('Nothing was changed');
    expect(copy.primary).toBe('retry');
  });

  it('other codes: the app’s message as a sentence', () => {
    const io = describeRecovery({
      ...status('io'),
      error: { code: 'io', message: 'file error: permission denied' },
    });
    expect(io.title).toBe('Koda can’t open your database');
    expect(io.explanation).toBe('File error: permission denied.');
    expect(io.primary).toBe('retry');
    expect(describeRecovery(status('database')).primary).toBe('restore');
    expect(describeRecovery(status('unreachable')).title).toBe('Koda can’t reach your database server');
    expect(describeRecovery(status('busy')).title).toBe('Your database is in use');
    expect(describeRecovery(status('something_new')).explanation).toBe('Something_new happened.');
  });

  it('a server database (no file here): no restore or fresh start', () => {
    const copy = describeRecovery(status('unreachable', { databasePath: null, backups: [] }));
    expect(copy.fileActions).toBe(false);
    expect(copy.primary).toBe('retry');
    expect(describeRecovery(status('corrupt_database', { databasePath: null })).primary).toBe('retry');
  });

  it('turns messages into sentences', () => {
    expect(sentence('  the disk is full; nothing was written ')).toBe(
      'The disk is full; nothing was written.',
    );
    expect(sentence('Done!')).toBe('Done!');
    expect(sentence('')).toBe('Something went wrong.');
  });
});

describe('backups', () => {
  it('the newest is the one made last, whatever the order they come in', () => {
    expect(newestBackup([older, newer])).toBe(newer);
    expect(newestBackup([newer, older])).toBe(newer);
    expect(newestBackup([])).toBeNull();
    expect(backupsNewestFirst([older, newer]).map((b) => b.name)).toEqual([newer.name, older.name]);
  });

  it('two made in the same millisecond: the later name first', () => {
    const a = backup('koda-manual-1.db', 5);
    const b = backup('koda-manual-2.db', 5);
    expect(newestBackup([a, b])).toBe(b);
  });

  it('the backups folder is where the backups are, else beside the data', () => {
    expect(backupsFolder({ dataDir: dir, backups: [older] })).toBe(`${dir}/backups`);
    expect(backupsFolder({ dataDir: `${dir}/`, backups: [] })).toBe(`${dir}/backups`);
    expect(backupsFolder({ dataDir: 'C:\\Users\\you\\AppData\\Koda', backups: [] })).toBe(
      'C:\\Users\\you\\AppData\\Koda\\backups',
    );
    expect(
      backupsFolder({
        dataDir: 'C:\\Koda',
        backups: [{ ...older, path: 'C:\\Koda\\backups\\koda-2025-01-10.db' }],
      }),
    ).toBe('C:\\Koda\\backups');
  });

  it('names a file by the last part of its path', () => {
    expect(fileName('/a/b/koda.db')).toBe('koda.db');
    expect(fileName('C:\\a\\koda.db')).toBe('koda.db');
    expect(fileName('koda.db')).toBe('koda.db');
  });
});

describe('after a recovery', () => {
  const keptAs = `${dir}/backups/koda-damaged-2025-01-13.db`;

  it('says what was restored and where the damaged file was kept', () => {
    expect(
      recoveryNoticeText({
        action: 'restore',
        code: 'corrupt_database',
        keptAs,
        restored: `${dir}/backups/koda-2025-01-12.db`,
      }),
    ).toBe(`Restored the backup koda-2025-01-12.db. The damaged file was kept as ${keptAs}`);
  });

  it('a fresh start, and a newer database, in their own words', () => {
    expect(
      recoveryNoticeText({ action: 'start-empty', code: 'corrupt_database', keptAs, restored: null }),
    ).toBe(`Started with an empty database. The damaged file was kept as ${keptAs}`);
    expect(
      recoveryNoticeText({ action: 'restore', code: 'database_too_new', keptAs, restored: 'b.db' }),
    ).toContain('The newer database file was kept as');
    expect(recoveryNoticeText({ action: 'restore', code: 'io', keptAs, restored: 'b.db' })).toContain(
      'The previous database file was kept as',
    );
  });

  it('nothing to keep (no file was there): only what was done', () => {
    expect(recoveryNoticeText({ action: 'restore', code: 'io', keptAs: null, restored: null })).toBe(
      'Restored the backup.',
    );
  });

  it('a refused action in words; a missing backup is not called a canvas', () => {
    expect(describeActionError({ code: 'not_found', message: "backup 'x.db' was not found" })).toBe(
      "Backup 'x.db' was not found.",
    );
    expect(describeActionError({ code: 'disk_full', message: 'the disk is full' })).toBe(
      'The disk is full — nothing was written.',
    );
  });
});
