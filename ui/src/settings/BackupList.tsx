import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../bindings/BackupInfo';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import { showToast } from '../components/toast-store';
import { relativeTime } from '../dashboard/relative-time';
import { useNow } from '../dashboard/use-now';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { formatBytes } from './format-bytes';
import { EmptyState } from './SettingsLayout';

/**
 * Settings → Backups on desktop: Back up now, the backups newest first, and Restore (after a
 * confirmation; it happens when Koda starts again, so a Restart button follows). Without
 * `canBackUp` (on PostgreSQL, where the SQLite file is not in use) Back up now and Restore are
 * hidden: the list stays, as the copies of this computer's file they are.
 */
export function BackupList({
  provider,
  canBackUp = true,
}: {
  provider: StorageProvider;
  canBackUp?: boolean;
}) {
  const now = useNow();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [pending, setPending] = useState<BackupInfo | null>(null);

  const reload = useCallback(() => {
    provider.listBackups?.().then(
      (list) => {
        setBackups(list);
        setLoadError(null);
      },
      (raw) => setLoadError(describeError(toErrorPayload(raw))),
    );
  }, [provider]);
  useEffect(reload, [reload]);

  const backUp = async () => {
    setBackingUp(true);
    try {
      const info = await provider.backupNow!();
      showToast({ message: `Backed up to ${info.path}`, tone: 'success', durationMs: 6000 });
      reload();
    } catch (raw) {
      showToast({
        message: `Backup failed: ${describeError(toErrorPayload(raw))}`,
        tone: 'error',
        durationMs: 7000,
      });
    } finally {
      setBackingUp(false);
    }
  };

  const restore = async (backup: BackupInfo) => {
    setConfirm(null);
    try {
      await provider.restoreBackup!(backup.name);
      setPending(backup);
    } catch (raw) {
      showToast({
        message: `Cannot restore: ${describeError(toErrorPayload(raw))}`,
        tone: 'error',
        durationMs: 7000,
      });
    }
  };

  const restart = () => {
    provider
      .restartApp?.()
      .catch((raw) =>
        showToast({ message: `Could not restart: ${describeError(toErrorPayload(raw))}`, tone: 'error' }),
      );
  };

  return (
    <div className="backups">
      {pending && (
        <div className="backups__pending" role="alert" data-testid="restore-pending">
          <Icon name="restore" size={15} />
          <span>
            Restart Koda to finish restoring <strong>{pending.name}</strong>. Your current data is kept aside
            first.
          </span>
          <button
            type="button"
            className="btn btn--primary btn--sm"
            data-testid="restart-app"
            onClick={restart}
          >
            Restart
          </button>
        </div>
      )}
      <div className="backups__head">
        <span className="backups__title">Backups on this computer</span>
        {canBackUp && (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            data-testid="backup-now"
            disabled={backingUp}
            onClick={() => void backUp()}
          >
            <Icon name="archive" size={14} />
            {backingUp ? 'Backing up…' : 'Back up now'}
          </button>
        )}
      </div>
      {loadError && <p className="settings-error">{loadError}</p>}
      {backups && backups.length === 0 && (
        <EmptyState icon="archive" title="No backups yet" testId="backups-empty">
          {canBackUp
            ? 'Koda makes one the first time it starts each day; Back up now makes one at once.'
            : 'Backups copy the SQLite file on this computer, which the team database does not use.'}
        </EmptyState>
      )}
      {backups && backups.length > 0 && (
        <ul className="backups__list">
          {backups.map((backup) => (
            <li key={backup.name} className="backups__item" data-testid="backup-item" data-name={backup.name}>
              <span className="backups__name" title={backup.path}>
                {backup.name}
              </span>
              <span className="backups__meta">
                {formatBytes(backup.bytes)} · {relativeTime(backup.createdAt, now)}
              </span>
              {canBackUp && (
                <button
                  type="button"
                  className="btn btn--ghost btn--sm"
                  data-testid="backup-restore"
                  onClick={() => setConfirm(backup)}
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {confirm && (
        <ConfirmDialog
          title="Restore this backup?"
          message={
            `Koda will go back to “${confirm.name}” (${relativeTime(confirm.createdAt, now)}) when it ` +
            'restarts. Changes made since then are kept aside, not merged.'
          }
          confirmLabel="Restore"
          onConfirm={() => void restore(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
