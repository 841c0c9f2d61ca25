import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import type { BackupInfo } from '../bindings/BackupInfo';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { RecoveryResult } from '../bindings/RecoveryResult';
import type { RecoveryStatus } from '../bindings/RecoveryStatus';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon, type IconName } from '../components/Icon';
import { relativeTime } from '../dashboard/relative-time';
import { useNow } from '../dashboard/use-now';
import { formatBytes } from '../settings/format-bytes';
import { toErrorPayload } from '../storage/errors';
import { BackupChooser } from './BackupChooser';
import type { RecoveryBackend } from './recovery-client';
import {
  backupDate,
  backupsFolder,
  backupsNewestFirst,
  describeActionError,
  describeRecovery,
  fileName,
  noticeFrom,
  type RecoveryNotice,
} from './recovery-describe';
import { recoverAndReload } from './recovery-notice';

type Action = 'restore-newest' | 'restore-chosen' | 'start-empty';
const ACTION_TEST_IDS: Record<Action, string> = {
  'restore-newest': 'recovery-restore-newest',
  'restore-chosen': 'recovery-choose',
  'start-empty': 'recovery-start-empty',
};
type Dialog = { kind: 'choose' } | { kind: 'confirm-restore'; backup: BackupInfo } | { kind: 'start-empty' };

interface RecoveryScreenProps {
  status: RecoveryStatus;
  backend: Pick<RecoveryBackend, 'restoreBackup' | 'startEmpty' | 'openDataFolder' | 'openLogsFolder'>;
  /** After a restore or a fresh start: by default the app starts again and says where the file went. */
  onRecovered?: (notice: RecoveryNotice) => void;
  /** Try again: by default the page reloads and the app tries to open the database again. */
  onRetry?: () => void;
}

/**
 * What Koda Desktop shows instead of the dashboard when its database will not open: what
 * happened in plain words, the file, and the ways back (the newest backup, another backup, a
 * fresh start), none of which deletes the file that did not open.
 */
export function RecoveryScreen({
  status,
  backend,
  onRecovered = recoverAndReload,
  onRetry = () => window.location.reload(),
}: RecoveryScreenProps) {
  const now = useNow();
  const copy = describeRecovery(status);
  const backups = backupsNewestFirst(status.backups);
  const newest = backups[0] ?? null;
  const folder = backupsFolder(status);
  const [busy, setBusy] = useState<{ action: Action; label: string } | null>(null);
  const [failure, setFailure] = useState<{ what: string; error: ErrorPayload } | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  /** The action that just failed: it was disabled while it ran, so focus goes back to it. */
  const failedAction = useRef<Action | null>(null);

  // The way forward has focus from the start: Enter takes it.
  useEffect(() => primaryRef.current?.focus(), []);
  useEffect(() => {
    if (!failure || !failedAction.current) return;
    const testId = ACTION_TEST_IDS[failedAction.current];
    failedAction.current = null;
    rootRef.current?.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus();
  }, [failure]);

  const recover = async (
    action: Action,
    label: string,
    what: string,
    task: () => Promise<RecoveryResult>,
  ) => {
    setDialog(null);
    setFailure(null);
    setBusy({ action, label });
    try {
      const result = await task();
      // Busy until the app has started again on the reopened database.
      onRecovered(
        noticeFrom(action === 'start-empty' ? 'start-empty' : 'restore', status.error.code, result),
      );
    } catch (raw) {
      failedAction.current = action;
      setFailure({ what, error: toErrorPayload(raw) });
      setBusy(null);
    }
  };
  const restore = (backup: BackupInfo, action: Action) =>
    void recover(action, `Restoring ${backup.name}…`, `Couldn’t restore ${backup.name}`, () =>
      backend.restoreBackup(backup.name),
    );
  const startEmpty = () =>
    void recover(
      'start-empty',
      `Moving the ${copy.fileWord} aside…`,
      'Couldn’t start with an empty database',
      backend.startEmpty,
    );
  const openFolder = (open: () => Promise<void>, what: string) => {
    setFailure(null);
    open().catch((raw) => setFailure({ what, error: toErrorPayload(raw) }));
  };

  const restoreNewest = () => {
    if (!newest) return;
    if (copy.confirmRestore) setDialog({ kind: 'confirm-restore', backup: newest });
    else restore(newest, 'restore-newest');
  };
  const isPrimary = (action: typeof copy.primary) => copy.primary === action;
  const primaryRefFor = (action: typeof copy.primary) => (isPrimary(action) ? primaryRef : undefined);
  const toolsFirst = isPrimary('open-data-folder') || isPrimary('retry');
  const disabled = busy !== null;

  const options = copy.fileActions && (
    <section className="recovery__section" aria-labelledby="recovery-options-label">
      <h2 id="recovery-options-label" className={toolsFirst ? 'recovery__section-title' : 'visually-hidden'}>
        {status.error.code === 'database_too_new'
          ? 'Or go back to an older backup'
          : 'Or go back to a backup'}
      </h2>
      {copy.warning && (
        <p className="recovery-warning" role="note" data-testid="recovery-warning">
          <Icon name="alert" size={15} />
          <span>{copy.warning}</span>
        </p>
      )}
      <div className="recovery-options">
        <Option
          testId="recovery-restore-newest"
          icon="restore"
          title="Restore the newest backup"
          primary={isPrimary('restore')}
          buttonRef={primaryRefFor('restore')}
          disabled={disabled || !newest}
          busyLabel={busy?.action === 'restore-newest' ? busy.label : null}
          onClick={restoreNewest}
        >
          {newest ? (
            <span data-testid="recovery-newest" data-name={newest.name}>
              <span className="recovery-option__file">{newest.name}</span> · {backupDate(newest.createdAt)} (
              {relativeTime(newest.createdAt, now)}) · {formatBytes(newest.bytes)}
            </span>
          ) : (
            <span data-testid="recovery-no-backups">
              There are no backups yet: Koda makes one each day it runs, and none are in{' '}
              <span className="recovery-option__file">{folder}</span>.
            </span>
          )}
        </Option>
        <Option
          testId="recovery-choose"
          icon="archive"
          title="Choose a backup…"
          disabled={disabled || backups.length === 0}
          busyLabel={busy?.action === 'restore-chosen' ? busy.label : null}
          onClick={() => setDialog({ kind: 'choose' })}
          chevron
        >
          {backups.length === 0
            ? 'No backups to choose from.'
            : backups.length === 1
              ? 'One backup on this computer.'
              : `${backups.length} backups on this computer, by date.`}
        </Option>
        <Option
          testId="recovery-start-empty"
          icon="plus"
          title={`Move the ${copy.fileWord} aside and start empty`}
          primary={isPrimary('start-empty')}
          buttonRef={primaryRefFor('start-empty')}
          disabled={disabled}
          busyLabel={busy?.action === 'start-empty' ? busy.label : null}
          onClick={() => setDialog({ kind: 'start-empty' })}
          chevron
        >
          A new, empty database. The {copy.fileWord} is kept, {copy.keptFor}.
        </Option>
      </div>
    </section>
  );

  const tools = (
    <div className="recovery__tools" role="group" aria-label="More">
      <button
        ref={primaryRefFor('open-data-folder')}
        type="button"
        className={`btn ${isPrimary('open-data-folder') ? 'btn--primary' : 'btn--secondary'}`}
        data-testid="recovery-open-data-folder"
        disabled={disabled}
        onClick={() => openFolder(backend.openDataFolder, 'Couldn’t open the data folder')}
      >
        <Icon name="folder" size={15} />
        Open data folder
      </button>
      <button
        type="button"
        className="btn btn--secondary"
        data-testid="recovery-open-logs"
        disabled={disabled}
        onClick={() => openFolder(backend.openLogsFolder, 'Couldn’t open the logs folder')}
      >
        <Icon name="receipt" size={15} />
        Open logs folder
      </button>
      <button
        ref={primaryRefFor('retry')}
        type="button"
        className={`btn ${isPrimary('retry') ? 'btn--primary' : 'btn--secondary'}`}
        data-testid="recovery-retry"
        disabled={disabled}
        onClick={onRetry}
      >
        <Icon name="undo" size={15} />
        Try again
      </button>
    </div>
  );

  return (
    <main
      ref={rootRef}
      className="recovery"
      data-testid="recovery"
      data-code={status.error.code}
      aria-busy={disabled}
      aria-labelledby="recovery-title"
    >
      <div className="recovery__panel">
        <header className="recovery__head">
          <div className="recovery__art" aria-hidden="true">
            <Icon name={status.error.code === 'disk_full' ? 'database' : 'alert'} size={26} />
          </div>
          <h1 id="recovery-title" className="recovery__title" data-testid="recovery-title">
            {copy.title}
          </h1>
          <p className="recovery__text" data-testid="recovery-explanation">
            {copy.explanation}
          </p>
        </header>

        <div className="recovery__file">
          <span className="recovery__label">{status.databasePath ? 'Database file' : 'Data folder'}</span>
          <code className="recovery__path" data-testid="recovery-path">
            {status.databasePath ?? status.dataDir}
          </code>
          <details className="recovery__details" data-testid="recovery-details">
            <summary>Details</summary>
            <dl className="recovery__facts">
              <dt>Error</dt>
              <dd>
                <code data-testid="recovery-message">{status.error.message}</code>
              </dd>
              <dt>Code</dt>
              <dd>
                <code>{status.error.code}</code>
              </dd>
              <dt>Data folder</dt>
              <dd>
                <code>{status.dataDir}</code>
              </dd>
              {copy.fileActions && (
                <>
                  <dt>Backups folder</dt>
                  <dd>
                    <code>{folder}</code>
                  </dd>
                </>
              )}
            </dl>
          </details>
        </div>

        {failure && (
          <div
            className="recovery-failure"
            role="alert"
            data-testid="recovery-error"
            data-code={failure.error.code}
          >
            <Icon name="alert" size={15} />
            <span>
              <strong>{failure.what}.</strong> {describeActionError(failure.error)}
            </span>
          </div>
        )}

        {toolsFirst ? (
          <>
            {tools}
            {options}
          </>
        ) : (
          <>
            {options}
            {tools}
          </>
        )}

        {copy.fileActions && (
          <p className="recovery__kept" data-testid="recovery-kept">
            <Icon name="check" size={14} />
            <span>
              Koda never deletes the {copy.fileWord}: restoring a backup or starting empty first moves{' '}
              {status.databasePath ? <strong>{fileName(status.databasePath)}</strong> : 'it'} into{' '}
              <span className="recovery__kept-path">{folder}</span>.
            </span>
          </p>
        )}
      </div>

      {dialog?.kind === 'choose' && (
        <BackupChooser
          backups={backups}
          folder={folder}
          fileWord={copy.fileWord}
          warning={copy.warning}
          onCancel={() => setDialog(null)}
          onChoose={(backup) => restore(backup, 'restore-chosen')}
        />
      )}
      {dialog?.kind === 'confirm-restore' && (
        <ConfirmDialog
          title="Restore an older backup?"
          message={
            `${dialog.backup.name} was made ${relativeTime(dialog.backup.createdAt, now)}. Work saved ` +
            `after that is not in it. The ${copy.fileWord} is moved to ${folder} and kept, so an ` +
            'updated Koda can still open it.'
          }
          confirmLabel="Restore this backup"
          onConfirm={() => restore(dialog.backup, 'restore-newest')}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'start-empty' && (
        <ConfirmDialog
          title="Start with an empty database?"
          message={
            `Koda moves ${status.databasePath ? fileName(status.databasePath) : `the ${copy.fileWord}`} ` +
            `to ${folder}, where it is kept, not deleted, and starts with a new, empty database. ` +
            'Your canvases come back if you restore a backup later.'
          }
          confirmLabel="Move aside and start empty"
          onConfirm={startEmpty}
          onCancel={() => setDialog(null)}
        />
      )}
    </main>
  );
}

/** One way back: a large button with what it does underneath its name. */
function Option({
  testId,
  icon,
  title,
  children,
  primary = false,
  chevron = false,
  disabled,
  busyLabel,
  buttonRef,
  onClick,
}: {
  testId: string;
  icon: IconName;
  title: string;
  children: ReactNode;
  primary?: boolean;
  chevron?: boolean;
  disabled: boolean;
  busyLabel: string | null;
  buttonRef?: Ref<HTMLButtonElement>;
  onClick: () => void;
}) {
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`recovery-option${primary ? ' recovery-option--primary' : ''}`}
      data-testid={testId}
      disabled={disabled}
      aria-busy={busyLabel !== null}
      onClick={onClick}
    >
      <span className="recovery-option__icon" aria-hidden="true">
        <Icon name={icon} size={17} />
      </span>
      <span className="recovery-option__body">
        <span className="recovery-option__title">{busyLabel ?? title}</span>
        <span className="recovery-option__hint">{children}</span>
      </span>
      {chevron && !busyLabel && <Icon name="chevronRight" size={16} className="recovery-option__chevron" />}
      {busyLabel && <span className="recovery-option__spinner" aria-hidden="true" />}
    </button>
  );
}
