import type { UpdateStatus } from '../bindings/UpdateStatus';
import { Icon, type IconName } from '../components/Icon';
import { Logo } from '../components/Logo';
import { Section } from '../settings/SettingsLayout';
import type { DownloadProgress } from '../bindings/DownloadProgress';
import {
  BUSY_LABELS,
  progressPercent,
  progressText,
  publishedText,
  releaseNotes,
  updateStateText,
} from './updates-describe';
import { useUpdates, type UpdateBusy } from './updates-store';
import './updates.css';

const STATE_ICONS: Record<UpdateStatus['state'], IconName> = {
  notConfigured: 'cloudOff',
  upToDate: 'check',
  available: 'download',
  ready: 'restore',
  failed: 'alert',
};

interface Action {
  label: string;
  testId: string;
  icon: IconName;
  primary: boolean;
  run: () => Promise<void>;
}

/** The one button a state offers, or null (a build that does not update). */
function UpdateAction({ status, busy }: { status: UpdateStatus; busy: UpdateBusy | null }) {
  const { check, download, restart } = useUpdates.getState();
  const recheck = { testId: 'updates-check', icon: 'restore', primary: false, run: check } as const;
  const actions: Record<UpdateStatus['state'], Action | null> = {
    notConfigured: null,
    upToDate: { ...recheck, label: 'Check now' },
    failed: { ...recheck, label: 'Try again' },
    available: {
      label: 'Download update',
      testId: 'updates-download',
      icon: 'download',
      primary: true,
      run: download,
    },
    ready: { label: 'Restart now', testId: 'updates-restart', icon: 'restore', primary: true, run: restart },
  };
  const action = actions[status.state];
  if (!action) return null;
  return (
    <button
      type="button"
      className={`btn btn--sm ${action.primary ? 'btn--primary' : 'btn--secondary'}`}
      data-testid={action.testId}
      disabled={busy !== null}
      aria-busy={busy !== null}
      onClick={() => void action.run()}
    >
      {busy ? (
        <span className="updates-card__spinner" aria-hidden="true" />
      ) : (
        <Icon name={action.icon} size={14} />
      )}
      {busy ? BUSY_LABELS[busy] : action.label}
    </button>
  );
}

/** The download under way: a bar when the size is known, and how much has arrived. */
function DownloadBar({ progress }: { progress: DownloadProgress }) {
  const percent = progressPercent(progress);
  return (
    <div className="updates-card__progress" data-testid="updates-progress">
      <div
        className="updates-card__bar"
        role="progressbar"
        aria-label="Downloading the update"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <div
          className={`updates-card__bar-fill${percent === null ? ' updates-card__bar-fill--unknown' : ''}`}
          style={{ width: `${percent ?? 100}%` }}
        />
      </div>
      <span className="updates-card__progress-text">{progressText(progress)}</span>
    </div>
  );
}

/**
 * Settings → General (desktop): this version of Koda and where updating stands — up to date, an
 * update with its notes to download, a downloaded one to restart into, or what went wrong.
 * Nothing until the app answered; the release notes are shown as plain text.
 */
export function UpdatesCard() {
  const status = useUpdates((s) => s.status);
  const busy = useUpdates((s) => s.busy);
  const progress = useUpdates((s) => s.progress);
  if (!status) return null;
  const published =
    status.state === 'available' || status.state === 'ready' ? publishedText(status.date) : null;
  const notes = releaseNotes(status);
  return (
    <Section
      title="Updates"
      description={
        status.state === 'notConfigured'
          ? undefined
          : 'Koda looks for a new version shortly after it starts. Nothing is downloaded until you ask.'
      }
    >
      <div className="updates-card" data-testid="updates-card">
        <div className="updates-card__head">
          <Logo size={36} />
          <div className="updates-card__text">
            <p className="updates-card__version" data-testid="updates-version">
              {status.currentVersion ? `Koda ${status.currentVersion}` : 'Koda'}
            </p>
            <p
              className={`updates-card__state updates-card__state--${status.state}`}
              data-testid="updates-state"
              data-state={status.state}
              role={status.state === 'failed' ? 'alert' : undefined}
            >
              <Icon name={STATE_ICONS[status.state]} size={14} />
              {status.state === 'failed' ? (
                <span data-testid="updates-message">{status.message}</span>
              ) : (
                <span>{updateStateText(status)}</span>
              )}
            </p>
            {published && <p className="updates-card__meta">{published}</p>}
          </div>
          <div className="updates-card__action">
            <UpdateAction status={status} busy={busy} />
          </div>
        </div>
        {busy === 'downloading' && progress && <DownloadBar progress={progress} />}
        {notes && (
          <div className="updates-card__notes">
            <h4 className="updates-card__notes-title">What’s new</h4>
            <div className="updates-card__notes-text" data-testid="updates-notes">
              {notes}
            </div>
          </div>
        )}
      </div>
    </Section>
  );
}
