import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupInfo } from '../bindings/BackupInfo';
import type { StorageProvider } from '../storage/types';
import { BackupList } from './BackupList';

const backup: BackupInfo = {
  name: 'koda-2026-11-28.db',
  path: '/data/backups/koda-2026-11-28.db',
  bytes: 2048,
  createdAt: Date.now() - 60_000,
};

function provider(): StorageProvider {
  return {
    listBackups: vi.fn(async () => [backup]),
    backupNow: vi.fn(async () => backup),
    restoreBackup: vi.fn(async () => {}),
  } as unknown as StorageProvider;
}

afterEach(cleanup);

describe('BackupList', () => {
  it('offers Back up now and Restore for the SQLite file in use', async () => {
    render(<BackupList provider={provider()} />);
    expect(await screen.findByTestId('backup-restore')).toBeTruthy();
    expect(screen.getByTestId('backup-now')).toBeTruthy();
  });

  it('on PostgreSQL lists the file backups but offers neither backing up nor restoring', async () => {
    render(<BackupList provider={provider()} canBackUp={false} />);
    expect(await screen.findByTestId('backup-item')).toBeTruthy();
    expect(screen.queryByTestId('backup-restore')).toBeNull();
    expect(screen.queryByTestId('backup-now')).toBeNull();
  });
});
