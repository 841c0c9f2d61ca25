import { Icon } from '../components/Icon';
import { progressLine } from '../database/copy-progress';
import { reportFacts } from '../database/database-describe';
import type { MoveState } from '../database/database-store';

/** While a move runs: what is being copied, which canvas, and a bar over the whole move. */
export function DatabaseProgress({ move }: { move: Extract<MoveState, { state: 'moving' }> }) {
  const progress = move.progress;
  const percent = Math.round((progress?.fraction ?? 0) * 100);
  return (
    <div
      className="database-panel"
      data-testid="database-progress"
      data-phase={progress?.phase ?? 'starting'}
      role="status"
      aria-live="polite"
    >
      <div className="database-panel__head">
        <Icon name="database" size={15} />
        <span className="database-panel__title">
          {move.to === 'postgres'
            ? 'Moving your canvases to the server'
            : 'Copying the server’s canvases to this computer'}
        </span>
        <span className="database-panel__count">{percent}%</span>
      </div>
      <div
        className="database-progress__track"
        role="progressbar"
        aria-label="Move progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="database-progress__bar" style={{ width: `${Math.max(percent, 3)}%` }} />
      </div>
      <div className="database-progress__line">
        <span data-testid="database-progress-phase">{progressLine(progress)}</span>
        {progress?.canvasName && (
          <span
            className="database-progress__canvas"
            data-testid="database-progress-canvas"
            title={progress.canvasName}
          >
            “{progress.canvasName}”
          </span>
        )}
      </div>
      <p className="database-panel__note">Keep Koda open. Edits made while moving are not copied.</p>
    </div>
  );
}

/** After a move: the counts, whether it was verified, and Restart Koda. */
export function DatabaseReport({
  move,
  displayUrl,
  onRestart,
}: {
  move: Extract<MoveState, { state: 'moved' }>;
  displayUrl?: string;
  onRestart: () => void;
}) {
  const { report, to } = move;
  return (
    <div
      className="database-panel database-panel--done"
      data-testid="database-report"
      data-verified={report.verified}
      role="status"
    >
      <div className="database-panel__head">
        <Icon name={report.verified ? 'check' : 'alert'} size={15} strokeWidth={2.2} />
        <span className="database-panel__title">
          {report.verified ? 'Copied and verified' : 'Copied, but not verified'}
        </span>
      </div>
      <ul className="database-facts" aria-label="What was copied">
        {reportFacts(report).map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      {report.verified && (
        <p className="database-panel__text">
          Every canvas was read back from {to === 'postgres' ? 'the server' : 'this computer’s file'} and
          matched the original.
        </p>
      )}
      {to === 'postgres' ? (
        <p className="database-panel__text">
          From its next start Koda uses{' '}
          {displayUrl ? (
            <code className="database-url-shown" data-testid="database-report-url">
              {displayUrl}
            </code>
          ) : (
            'the server'
          )}
          . The SQLite file on this computer is left untouched, as a copy.
        </p>
      ) : (
        <p className="database-panel__text">
          From its next start Koda uses the SQLite file on this computer (a backup of it from before the move
          is in Backups). The server keeps its copy; teammates can go on using it.
        </p>
      )}
      <div className="database-panel__actions">
        <span className="database-panel__note">Until Koda restarts, new edits are not copied.</span>
        <button
          type="button"
          className="btn btn--primary btn--sm"
          data-testid="database-restart"
          onClick={onRestart}
        >
          <Icon name="restore" size={14} />
          Restart Koda
        </button>
      </div>
    </div>
  );
}
