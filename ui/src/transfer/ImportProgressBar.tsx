import { useImports } from './import-store';

/** While an import runs: which file, how far, and a bar (striped while the app works on a file). */
export function ImportProgressBar() {
  const progress = useImports((s) => s.progress);
  if (!progress) return null;
  const percent = Math.round(progress.fraction * 100);
  return (
    <div
      className="import-progress"
      data-testid="import-progress"
      data-phase={progress.phase}
      role="status"
      aria-live="polite"
    >
      <div className="import-progress__text">
        <span className="import-progress__title">
          {progress.phase === 'reading' ? 'Reading' : 'Importing'} “{progress.filename}”
        </span>
        {progress.fileCount > 1 && (
          <span className="import-progress__count">
            {progress.fileIndex + 1} of {progress.fileCount}
          </span>
        )}
      </div>
      <div
        className="import-progress__track"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div
          className={`import-progress__bar${progress.phase === 'importing' ? ' is-working' : ''}`}
          style={{ width: `${Math.max(percent, 4)}%` }}
        />
      </div>
    </div>
  );
}
