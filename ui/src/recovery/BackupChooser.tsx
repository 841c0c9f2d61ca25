import { useState } from 'react';
import type { BackupInfo } from '../bindings/BackupInfo';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { relativeTime } from '../dashboard/relative-time';
import { useNow } from '../dashboard/use-now';
import { formatBytes } from '../settings/format-bytes';
import { backupDate } from './recovery-describe';

interface BackupChooserProps {
  /** Newest first; the first one is chosen to start with. */
  backups: BackupInfo[];
  /** Where the file that did not open goes (shown so nobody fears losing it). */
  folder: string;
  fileWord: string;
  /** A caution about restoring (a newer database), shown above the list. */
  warning: string | null;
  onChoose: (backup: BackupInfo) => void;
  onCancel: () => void;
}

/**
 * "Choose a backup…": every backup with its date and size, newest first and chosen. Arrow keys
 * move between them, Enter restores the chosen one, Esc backs out.
 */
export function BackupChooser({
  backups,
  folder,
  fileWord,
  warning,
  onChoose,
  onCancel,
}: BackupChooserProps) {
  const now = useNow();
  const [chosen, setChosen] = useState<string | null>(backups[0]?.name ?? null);
  const choice = backups.find((backup) => backup.name === chosen) ?? null;
  const confirm = () => choice && onChoose(choice);

  return (
    <Modal
      title="Choose a backup"
      onClose={onCancel}
      testId="recovery-chooser"
      footer={
        <>
          <button
            type="button"
            className="btn btn--secondary"
            onClick={onCancel}
            data-testid="recovery-chooser-cancel"
          >
            Cancel
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={!choice}
            onClick={confirm}
            data-testid="recovery-chooser-restore"
          >
            Restore this backup
          </button>
        </>
      }
    >
      <p className="modal__message recovery-chooser__intro">
        Koda puts the backup you choose in place of the {fileWord}. The {fileWord} is moved to{' '}
        <span className="recovery-chooser__folder">{folder}</span> and kept.
      </p>
      {warning && (
        <p className="recovery-warning recovery-warning--compact" role="note">
          <Icon name="alert" size={14} />
          <span>{warning}</span>
        </p>
      )}
      <div
        className="recovery-chooser__list"
        role="radiogroup"
        aria-label="Backups"
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            confirm();
          }
        }}
      >
        {backups.map((backup, index) => {
          const checked = backup.name === chosen;
          return (
            <label
              key={backup.name}
              className={`recovery-chooser__item${checked ? ' is-checked' : ''}`}
              data-testid="recovery-backup"
              data-name={backup.name}
              title={backup.path}
            >
              <input
                type="radio"
                name="recovery-backup"
                className="recovery-chooser__radio"
                value={backup.name}
                checked={checked}
                data-autofocus={checked ? true : undefined}
                onChange={() => setChosen(backup.name)}
              />
              <span className="recovery-chooser__text">
                <span className="recovery-chooser__name">
                  <span className="recovery-chooser__file">{backup.name}</span>
                  {index === 0 && <span className="recovery-chooser__badge">Newest</span>}
                </span>
                <span className="recovery-chooser__meta">
                  {backupDate(backup.createdAt)} · {relativeTime(backup.createdAt, now)}
                </span>
              </span>
              <span className="recovery-chooser__size">{formatBytes(backup.bytes)}</span>
            </label>
          );
        })}
      </div>
    </Modal>
  );
}
