import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupInfo } from '../bindings/BackupInfo';
import type { RecoveryResult } from '../bindings/RecoveryResult';
import type { RecoveryStatus } from '../bindings/RecoveryStatus';
import { RecoveryScreen } from './RecoveryScreen';

const DAY = 86_400_000;
const dir = '/home/you/.local/share/koda';
const backup = (name: string, ago: number, bytes: number): BackupInfo => ({
  path: `${dir}/backups/${name}`,
  name,
  bytes,
  createdAt: Date.now() - ago,
});
// Listed oldest first, as a directory listing might: the screen must still name the newest.
const older = backup('koda-2025-01-10.db', 3 * DAY, 2_400_000);
const newer = backup('koda-2025-01-12.db', DAY + 3_600_000, 2_600_000);
const kept = `${dir}/backups/koda-damaged-2025-01-13.db`;

function status(code: string, change: Partial<RecoveryStatus> = {}): RecoveryStatus {
  return {
    error: { code, message: `the database file is damaged or is not a Koda database: ${code}` },
    dataDir: dir,
    databasePath: `${dir}/koda.db`,
    backups: [older, newer],
    ...change,
  };
}

/** A recovery backend whose restores and fresh starts wait until the test lets them finish. */
function setup(s: RecoveryStatus) {
  let settle: { resolve: (r: RecoveryResult) => void; reject: (e: unknown) => void } | null = null;
  const pending = () =>
    new Promise<RecoveryResult>((resolve, reject) => {
      settle = { resolve, reject };
    });
  const backend = {
    restoreBackup: vi.fn((_name: string | null) => pending()),
    startEmpty: vi.fn(() => pending()),
    openDataFolder: vi.fn(async () => {}),
    openLogsFolder: vi.fn(async () => {}),
  };
  const onRecovered = vi.fn();
  const onRetry = vi.fn();
  render(<RecoveryScreen status={s} backend={backend} onRecovered={onRecovered} onRetry={onRetry} />);
  return {
    backend,
    onRecovered,
    onRetry,
    resolve: (r: RecoveryResult) => act(async () => settle?.resolve(r)),
    reject: (e: unknown) => act(async () => settle?.reject(e)),
  };
}

const el = (id: string) => screen.getByTestId(id);
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
const actionButtons = () =>
  ['recovery-restore-newest', 'recovery-choose', 'recovery-start-empty', 'recovery-retry'].map(button);

afterEach(cleanup);

describe('the recovery screen', () => {
  it('a damaged file: says so, shows the file and the error, names the newest backup, focuses it', () => {
    setup(status('corrupt_database'));
    expect(el('recovery-title').textContent).toBe('Your database file is damaged');
    expect(el('recovery-path').textContent).toBe(`${dir}/koda.db`);
    expect(el('recovery-message').textContent).toContain('is not a Koda database');
    expect(el('recovery-details').tagName).toBe('DETAILS');
    const newest = el('recovery-newest');
    expect(newest.dataset.name).toBe('koda-2025-01-12.db');
    expect(newest.textContent).toContain('2.6 MB');
    expect(newest.textContent).toContain('yesterday');
    expect(document.activeElement).toBe(button('recovery-restore-newest'));
    expect(el('recovery-kept').textContent).toContain('never deletes the damaged file');
    expect(el('recovery-kept').textContent).toContain(`${dir}/backups`);
  });

  it('restores the newest backup: busy while it runs, then starts again with the notice', async () => {
    const { backend, onRecovered, resolve } = setup(status('corrupt_database'));
    fireEvent.click(button('recovery-restore-newest'));
    expect(backend.restoreBackup).toHaveBeenCalledWith('koda-2025-01-12.db');
    expect(el('recovery').getAttribute('aria-busy')).toBe('true');
    expect(button('recovery-restore-newest').textContent).toContain('Restoring koda-2025-01-12.db…');
    expect(actionButtons().every((b) => b.disabled)).toBe(true);
    expect(button('recovery-open-logs').disabled).toBe(true);
    await resolve({ keptAs: kept, restored: 'koda-2025-01-12.db' });
    expect(onRecovered).toHaveBeenCalledWith({
      action: 'restore',
      code: 'corrupt_database',
      keptAs: kept,
      restored: 'koda-2025-01-12.db',
    });
  });

  it('a refused restore is shown inline with its code, and nothing else changes', async () => {
    const { onRecovered, reject } = setup(status('corrupt_database'));
    fireEvent.click(button('recovery-restore-newest'));
    await reject({ code: 'disk_full', message: 'the disk is full; nothing was written' });
    const error = el('recovery-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.dataset.code).toBe('disk_full');
    expect(error.textContent).toContain('Couldn’t restore koda-2025-01-12.db');
    expect(error.textContent).toContain('The disk is full');
    expect(onRecovered).not.toHaveBeenCalled();
    expect(el('recovery-title').textContent).toBe('Your database file is damaged');
    expect(actionButtons().some((b) => b.disabled)).toBe(false);
    expect(el('recovery').getAttribute('aria-busy')).toBe('false');
    // It was disabled while it ran; focus is back on it.
    expect(document.activeElement).toBe(button('recovery-restore-newest'));
  });

  it('Choose a backup: every backup newest first with date and size; the chosen one is restored', async () => {
    const { backend, onRecovered, resolve } = setup(status('corrupt_database'));
    fireEvent.click(button('recovery-choose'));
    const chooser = el('recovery-chooser');
    const items = within(chooser).getAllByTestId('recovery-backup');
    expect(items.map((i) => i.dataset.name)).toEqual(['koda-2025-01-12.db', 'koda-2025-01-10.db']);
    expect(items[0].textContent).toContain('Newest');
    expect(items[1].textContent).toContain('2.4 MB');
    expect(items[1].textContent).toContain('3 days ago');
    expect(chooser.textContent).toContain(`${dir}/backups`);
    // The newest is chosen and focused; pick the older one and confirm.
    expect(document.activeElement).toBe(within(items[0]).getByRole('radio'));
    fireEvent.click(within(items[1]).getByRole('radio'));
    fireEvent.click(button('recovery-chooser-restore'));
    expect(backend.restoreBackup).toHaveBeenCalledWith('koda-2025-01-10.db');
    expect(screen.queryByTestId('recovery-chooser')).toBeNull();
    expect(button('recovery-choose').textContent).toContain('Restoring koda-2025-01-10.db…');
    await resolve({ keptAs: kept, restored: 'koda-2025-01-10.db' });
    expect(onRecovered).toHaveBeenCalledWith(expect.objectContaining({ restored: 'koda-2025-01-10.db' }));
  });

  it('Choose a backup: Enter restores the chosen one, Esc backs out', () => {
    const { backend } = setup(status('corrupt_database'));
    fireEvent.click(button('recovery-choose'));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('recovery-chooser')).toBeNull();
    expect(backend.restoreBackup).not.toHaveBeenCalled();
    fireEvent.click(button('recovery-choose'));
    fireEvent.keyDown(within(el('recovery-chooser')).getAllByRole('radio')[0], { key: 'Enter' });
    expect(backend.restoreBackup).toHaveBeenCalledWith('koda-2025-01-12.db');
  });

  it('start empty asks first, saying the file is kept and where; Esc cancels', async () => {
    const { backend, onRecovered, resolve } = setup(status('corrupt_database'));
    fireEvent.click(button('recovery-start-empty'));
    const dialog = el('confirm-dialog');
    expect(dialog.textContent).toContain('Koda moves koda.db to /home/you/.local/share/koda/backups');
    expect(dialog.textContent).toContain('kept, not deleted');
    expect(document.activeElement).toBe(button('confirm-ok'));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('confirm-dialog')).toBeNull();
    expect(backend.startEmpty).not.toHaveBeenCalled();
    fireEvent.click(button('recovery-start-empty'));
    fireEvent.click(button('confirm-ok'));
    expect(backend.startEmpty).toHaveBeenCalledOnce();
    expect(button('recovery-start-empty').textContent).toContain('Moving the damaged file aside…');
    await resolve({ keptAs: kept, restored: null });
    expect(onRecovered).toHaveBeenCalledWith({
      action: 'start-empty',
      code: 'corrupt_database',
      keptAs: kept,
      restored: null,
    });
  });

  it('no backups: restoring is disabled with the reason, and starting empty comes first', () => {
    setup(status('corrupt_database', { backups: [] }));
    expect(button('recovery-restore-newest').disabled).toBe(true);
    expect(button('recovery-choose').disabled).toBe(true);
    expect(el('recovery-no-backups').textContent).toContain('There are no backups yet');
    expect(document.activeElement).toBe(button('recovery-start-empty'));
  });

  it('a newer database: the warning, the data folder first, restoring asks before losing newer work', async () => {
    const { backend } = setup(status('database_too_new'));
    expect(el('recovery-title').textContent).toBe('This database was saved by a newer Koda');
    expect(el('recovery-warning').textContent).toContain('loses the work saved since that backup');
    expect(document.activeElement).toBe(button('recovery-open-data-folder'));
    expect(button('recovery-open-data-folder').className).toContain('btn--primary');
    fireEvent.click(button('recovery-open-data-folder'));
    expect(backend.openDataFolder).toHaveBeenCalledOnce();
    fireEvent.click(button('recovery-restore-newest'));
    expect(el('confirm-dialog').textContent).toContain('Work saved after that is not in it');
    fireEvent.click(button('confirm-cancel'));
    expect(backend.restoreBackup).not.toHaveBeenCalled();
    fireEvent.click(button('recovery-restore-newest'));
    fireEvent.click(button('confirm-ok'));
    expect(backend.restoreBackup).toHaveBeenCalledWith('koda-2025-01-12.db');
  });

  it('a full disk: Try again comes first and starts again', () => {
    const { onRetry } = setup(status('disk_full'));
    expect(el('recovery-title').textContent).toBe('Your disk is full');
    expect(document.activeElement).toBe(button('recovery-retry'));
    fireEvent.click(button('recovery-retry'));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('a folder that will not open is said inline', async () => {
    const { backend } = setup(status('io'));
    backend.openLogsFolder.mockRejectedValueOnce({ code: 'io', message: 'no file manager' });
    fireEvent.click(button('recovery-open-logs'));
    await waitFor(() => expect(el('recovery-error').textContent).toContain('Couldn’t open the logs folder'));
    expect(el('recovery-error').dataset.code).toBe('io');
    expect(el('recovery-explanation').textContent).toBe(
      'The database file is damaged or is not a Koda database: io.',
    );
  });

  it('a server database: the data folder, no restore or fresh start', () => {
    setup(status('unreachable', { databasePath: null, backups: [] }));
    expect(el('recovery-path').textContent).toBe(dir);
    expect(screen.queryByTestId('recovery-restore-newest')).toBeNull();
    expect(screen.queryByTestId('recovery-start-empty')).toBeNull();
    expect(screen.queryByTestId('recovery-kept')).toBeNull();
    expect(document.activeElement).toBe(button('recovery-retry'));
  });
});
