import { useReducer, type ReactNode } from 'react';
import { useApp } from '../../app/app-store';
import { CloseButton } from '../../components/CloseButton';
import { Icon } from '../../components/Icon';
import {
  describeEnhanceError,
  ENHANCE_IDLE,
  enhanceReducer,
  type EnhanceKind,
} from '../../generation/enhance-prompt';
import { useGeneration } from '../../generation/generation-store';
import { toErrorPayload } from '../../storage/errors';
import { useEditor } from '../editor-store';

const DESKTOP_ONLY = 'Enhancing needs the Koda desktop app';
const READ_ONLY = 'Duplicate this canvas to enhance';

interface EnhancePromptProps {
  id: string;
  field: string;
  /** The words as shown (plain text). */
  value: string;
  kind: EnhanceKind;
  toStored?: (typed: string) => unknown;
  /** The words field; the button sits in its corner, the suggestion under it. */
  children: ReactNode;
}

/**
 * The Enhance button on a node's words and the suggestion it brings, shown under the original
 * until it is accepted (one undo step, saved like any edit) or discarded.
 */
export function EnhancePrompt({ id, field, value, kind, toStored, children }: EnhancePromptProps) {
  const available = useGeneration((s) => s.backend !== null);
  const readOnly = useEditor((s) => s.readOnly);
  const [state, dispatch] = useReducer(enhanceReducer, ENHANCE_IDLE);
  const loading = state.phase === 'loading';

  const ask = async () => {
    const asked = state.asked + 1;
    dispatch({ type: 'ask' });
    try {
      dispatch({
        type: 'answer',
        asked,
        suggestion: await useGeneration.getState().enhancePrompt(value, kind),
      });
    } catch (raw) {
      dispatch({ type: 'fail', asked, error: toErrorPayload(raw) });
    }
  };
  const accept = (suggestion: string) => {
    const editor = useEditor.getState();
    // Typing just before stays its own step: undo brings back exactly the original.
    editor.sealHistory();
    editor.updateNodeData(id, { [field]: toStored ? toStored(suggestion) : suggestion });
    dispatch({ type: 'close' });
  };

  const disabledWhy = !available ? DESKTOP_ONLY : readOnly ? READ_ONLY : loading ? 'Enhancing…' : undefined;
  const error = state.phase === 'error' ? describeEnhanceError(state.error) : undefined;
  return (
    <>
      <div className="words">
        {children}
        <span
          className="words__enhance-wrap"
          title={disabledWhy ?? 'Enhance prompt: suggest richer words'}
          data-testid="enhance-prompt-tooltip"
        >
          <button
            type="button"
            className={`words__enhance nodrag${loading ? ' is-loading' : ''}`}
            aria-label="Enhance prompt"
            aria-busy={loading}
            disabled={disabledWhy !== undefined}
            data-testid="enhance-prompt"
            data-state={state.phase}
            onClick={() => void ask()}
          >
            {loading ? (
              <span className="words__spinner" aria-hidden="true" />
            ) : (
              <Icon name="sparkles" size={13} />
            )}
          </button>
        </span>
      </div>
      {state.phase === 'suggestion' && (
        <div
          className="enhance nodrag nowheel"
          data-testid="enhance-suggestion"
          role="group"
          aria-label="Suggested prompt"
        >
          <div className="enhance__head">
            <Icon name="sparkles" size={12} />
            <span>Suggestion</span>
          </div>
          <p className="enhance__text" data-testid="enhance-suggestion-text">
            {state.suggestion}
          </p>
          <div className="enhance__actions">
            <button
              type="button"
              className="btn btn--ghost btn--sm"
              data-testid="enhance-discard"
              onClick={() => dispatch({ type: 'close' })}
            >
              Discard
            </button>
            <button
              type="button"
              className="btn btn--primary btn--sm"
              data-testid="enhance-accept"
              disabled={readOnly}
              onClick={() => accept(state.suggestion)}
            >
              <Icon name="check" size={12} strokeWidth={2.4} />
              Accept
            </button>
          </div>
        </div>
      )}
      {error && state.phase === 'error' && (
        <div
          className="enhance enhance--error nodrag"
          role="alert"
          data-testid="enhance-error"
          data-code={state.error.code}
        >
          <Icon name="alert" size={13} strokeWidth={2} className="enhance__icon" />
          <p className="enhance__message">
            <span className="enhance__title">{error.title}</span> {error.detail}
          </p>
          {state.error.code === 'bad_key' && (
            <button
              type="button"
              className="btn btn--ghost btn--sm nodrag"
              data-testid="enhance-settings"
              onClick={() => useApp.getState().openSettings('ai')}
            >
              Settings
            </button>
          )}
          <CloseButton
            label="Dismiss"
            testId="enhance-dismiss"
            onClick={() => dispatch({ type: 'close' })}
            iconSize={12}
          />
        </div>
      )}
    </>
  );
}
