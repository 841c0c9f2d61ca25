import { Icon } from '../components/Icon';
import { describeError } from '../storage/errors';
import type { SaveStatus as Status } from './autosave';

/** The notice after a conflict: the stored canvas was loaded and the unsaved edits re-applied. */
export const UPDATED_KEEPING_EDITS = 'Updated from another device — your edits were kept';

/** Saved / Saving… / Error + Retry / Updated from another device — your edits were kept. */
export function SaveStatus({ status, onRetry }: { status: Status; onRetry: () => void }) {
  const { state } = status;
  return (
    <div
      className={`save-status save-status--${state}`}
      data-testid="save-status"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      {state === 'saved' && (
        <>
          <Icon name="check" size={13} strokeWidth={2.4} />
          <span>Saved</span>
        </>
      )}
      {state === 'saving' && (
        <>
          <span className="save-status__spinner" aria-hidden="true" />
          <span>Saving…</span>
        </>
      )}
      {state === 'conflict' && (
        <>
          <Icon name="restore" size={13} strokeWidth={2.2} />
          <span>{UPDATED_KEEPING_EDITS}</span>
        </>
      )}
      {state === 'error' && (
        <>
          <Icon name="alert" size={13} strokeWidth={2.2} />
          <span title={status.error ? describeError(status.error) : undefined}>Not saved</span>
          <button type="button" className="save-status__retry" data-testid="save-retry" onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}
