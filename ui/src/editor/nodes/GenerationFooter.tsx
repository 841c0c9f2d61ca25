import { useEffect } from 'react';
import { useApp } from '../../app/app-store';
import type { ErrorPayload } from '../../bindings/ErrorPayload';
import type { GenerationRecord } from '../../bindings/GenerationRecord';
import { readString } from '../../canvas/node-data';
import { Icon } from '../../components/Icon';
import { showToast } from '../../components/toast-store';
import { useNow } from '../../dashboard/use-now';
import {
  describeGenerationError,
  formatDuration,
  formatElapsed,
  formatUsd,
  isOpen,
  phaseLabel,
  runError,
  runPhase,
  type PhaseContext,
} from '../../generation/generation-describe';
import { latestRunOf, nodeKey, useGeneration } from '../../generation/generation-store';
import { useEditor } from '../editor-store';
import { estimateKey, incomingOutputs, incomingWiring } from '../estimate-key';
import { incomingPromptText } from '../incoming-prompt';

/** Wait after a settings change before asking for a new estimate. */
const ESTIMATE_DEBOUNCE_MS = 500;

const DESKTOP_ONLY = 'Generating needs the Koda desktop app';
const READ_ONLY = 'Duplicate this canvas to generate';

const saveFirst = () => useEditor.getState().saveNow();

/**
 * A generator's run controls: the estimated cost of a run with its settings now, the newest run's
 * status (queued with its place, waiting for the network, at fal, running with a clock, done),
 * Generate or Cancel, and a failed run's reason with Retry.
 */
export function GenerationFooter({
  id,
  data,
  label = 'Generate',
}: {
  id: string;
  data: Record<string, unknown>;
  label?: string;
}) {
  const canvasId = useEditor((s) => s.canvasId);
  const readOnly = useEditor((s) => s.readOnly);
  const wiring = useEditor((s) => `${incomingWiring(s.edges, id)}|${incomingOutputs(s.nodes, s.edges, id)}`);
  const words = useEditor((s) => incomingPromptText(s, id));
  const available = useGeneration((s) => s.backend !== null);
  const key = canvasId ? nodeKey(canvasId, id) : '';
  const run = useGeneration((s) => latestRunOf(s, canvasId, id));
  const estimate = useGeneration((s) => (key ? s.estimates[key] : undefined));
  const refusal = useGeneration((s) => (key ? s.refused[key] : undefined));
  const starting = useGeneration((s) => (key ? s.starting[key] === true : false));
  const offline = useGeneration((s) => (run ? s.offline[run.id] === true : false));
  const waitingIndex = useGeneration((s) => (run && s.spend ? s.spend.waiting.indexOf(run.id) : -1));
  const inputs = estimateKey(data, wiring, words);

  useEffect(() => {
    if (!available || !canvasId || readOnly) return;
    const timer = setTimeout(
      () => void useGeneration.getState().estimate(canvasId, id, inputs, saveFirst),
      ESTIMATE_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [available, canvasId, readOnly, id, inputs]);

  const open = run !== undefined && isOpen(run);
  // An estimate for exactly these settings that says the node cannot run (no prompt, unknown model).
  const cannotRun =
    estimate?.key === inputs && estimate.status === 'error' && estimate.error?.code === 'invalid_input'
      ? estimate.error
      : undefined;
  // A refused Generate is newer than the node's last run, or there is no run.
  const refused = refusal && (!run || refusal.at >= run.createdAt) ? refusal.error : undefined;
  const failed = !refused && run?.status === 'failed' ? runError(run) : undefined;
  // A failure written into the node (by Koda web, or by the app for a run not listed here).
  const stored = !refused && !run ? storedError(data) : undefined;
  const error = refused ?? failed ?? stored;
  const context: PhaseContext = { offline, waitingIndex };

  const generate = async () => {
    if (!canvasId) return;
    const result = await useGeneration.getState().generate(canvasId, id, saveFirst);
    if ('code' in result && result.code === 'budget_reached') {
      showToast({
        message: describeGenerationError(result).detail,
        tone: 'error',
        durationMs: 8000,
        action: { label: 'Settings', onClick: () => useApp.getState().openSettings('ai') },
      });
    }
  };
  const retry = async () => {
    // The same run again (same model, parameters, inputs); a refused start is tried as Generate.
    const retryId = failed ? run?.id : stored ? readString(data, 'lastRunId') : undefined;
    const result = retryId
      ? await useGeneration.getState().retry(retryId)
      : await useGeneration.getState().generate(canvasId ?? '', id, saveFirst);
    if ('code' in result)
      showToast({ message: describeGenerationError(result).detail, tone: 'error', durationMs: 7000 });
  };
  const cancel = async () => {
    if (!run) return;
    const failure = await useGeneration.getState().cancel(run.id);
    if (failure) showToast({ message: `Couldn’t cancel: ${failure.message}`, tone: 'error' });
  };

  const disabledWhy = !available
    ? DESKTOP_ONLY
    : readOnly
      ? READ_ONLY
      : cannotRun
        ? describeGenerationError(cannotRun).detail
        : starting
          ? 'Starting…'
          : undefined;
  return (
    <div className="gen-footer">
      <div className="gen-footer__row">
        {available && !readOnly && (
          <CostChip
            state={estimate?.status}
            costUsd={estimate?.estimate?.costUsd}
            model={estimate?.estimate?.modelLabel}
            cannotRun={cannotRun}
          />
        )}
        {run && !refused && <RunStatus run={run} context={context} />}
        <span className="gen-footer__spacer" />
        {open ? (
          <button
            type="button"
            className="btn btn--secondary btn--sm gen-footer__cancel nodrag"
            data-testid="generation-cancel"
            onClick={() => void cancel()}
          >
            <Icon name="stop" size={11} strokeWidth={2.4} />
            Cancel
          </button>
        ) : (
          <span
            className="generate-wrap"
            title={
              disabledWhy ??
              (estimate?.estimate
                ? `${estimate.estimate.modelLabel} · about ${formatUsd(estimate.estimate.costUsd)} (fal bills the real amount)`
                : undefined)
            }
            data-testid="generate-tooltip"
          >
            <button
              type="button"
              className="btn btn--primary btn--sm nodrag"
              disabled={disabledWhy !== undefined}
              aria-disabled={disabledWhy !== undefined}
              data-testid="generate"
              onClick={() => void generate()}
            >
              <Icon name="sparkles" size={13} />
              {starting ? 'Starting…' : label}
            </button>
          </span>
        )}
      </div>
      {error && !open && (
        <RunError error={error} onRetry={available && !readOnly ? () => void retry() : undefined} />
      )}
      {cannotRun && !error && (
        <p className="gen-footer__hint" data-testid="generation-hint">
          {describeGenerationError(cannotRun).detail}
        </p>
      )}
    </div>
  );
}

function storedError(data: Record<string, unknown>): ErrorPayload | undefined {
  const message = readString(data, 'error')?.trim();
  return message ? { code: 'stored', message } : undefined;
}

function CostChip({
  state,
  costUsd,
  model,
  cannotRun,
}: {
  state?: 'loading' | 'ready' | 'error';
  costUsd?: number;
  model?: string;
  cannotRun?: ErrorPayload;
}) {
  const shown = cannotRun
    ? '—'
    : costUsd !== undefined
      ? `~${formatUsd(costUsd)}`
      : state === 'loading' || state === undefined
        ? '~$…'
        : '—';
  return (
    <span
      className={`gen-cost${state === 'loading' ? ' is-loading' : ''}`}
      data-testid="generation-cost"
      data-state={cannotRun ? 'unavailable' : (state ?? 'loading')}
      data-usd={costUsd ?? ''}
      title={
        cannotRun
          ? 'No estimate: this node cannot run yet'
          : model
            ? `Estimated cost of one run with ${model}; fal bills the real amount`
            : state === 'error'
              ? 'No estimate right now'
              : 'Estimating the cost of a run…'
      }
    >
      {shown}
    </span>
  );
}

function Elapsed({ since }: { since: number }) {
  const now = useNow(1000);
  return <span className="gen-status__clock">{formatElapsed(now - since)}</span>;
}

function RunStatus({ run, context }: { run: GenerationRecord; context: PhaseContext }) {
  const phase = runPhase(run, context);
  const open = isOpen(run);
  if (phase === 'failed')
    return (
      <span
        className="gen-status gen-status--failed"
        data-testid="generation-status"
        data-status={run.status}
        data-phase={phase}
      />
    );
  const finished =
    phase === 'completed'
      ? [formatDuration(run.durationMs), run.run?.costUsd !== undefined ? formatUsd(run.run.costUsd) : null]
          .filter(Boolean)
          .join(' · ')
      : '';
  return (
    <span
      className={`gen-status gen-status--${phase}`}
      data-testid="generation-status"
      data-status={run.status}
      data-phase={phase}
      role="status"
    >
      {open && phase !== 'offline' && <span className="gen-status__spinner" aria-hidden="true" />}
      {phase === 'offline' && <Icon name="wifiOff" size={12} strokeWidth={2} />}
      {phase === 'completed' && <Icon name="check" size={12} strokeWidth={2.4} />}
      <span className="gen-status__label">
        {phase === 'completed' ? finished || 'Done' : phaseLabel(phase, run, context)}
      </span>
      {open && <Elapsed since={run.createdAt} />}
    </span>
  );
}

function RunError({ error, onRetry }: { error: ErrorPayload; onRetry?: () => void }) {
  const described =
    error.code === 'stored'
      ? { title: 'Last run failed', detail: error.message, remedy: 'retry' as const }
      : describeGenerationError(error);
  return (
    <div className="gen-error" role="alert" data-testid="generation-error" data-code={error.code}>
      <Icon name="alert" size={14} strokeWidth={2} className="gen-error__icon" />
      <div className="gen-error__text">
        <span className="gen-error__title">{described.title}</span>
        <span className="gen-error__detail" title={described.detail}>
          {described.detail}
        </span>
      </div>
      <div className="gen-error__actions">
        {described.remedy === 'settings' && (
          <button
            type="button"
            className="btn btn--ghost btn--sm nodrag"
            data-testid="generation-settings"
            onClick={() => useApp.getState().openSettings('ai')}
          >
            Settings
          </button>
        )}
        {onRetry && (
          <button
            type="button"
            className="btn btn--secondary btn--sm nodrag"
            data-testid="generation-retry"
            onClick={onRetry}
          >
            <Icon name="restore" size={12} strokeWidth={2} />
            Retry
          </button>
        )}
      </div>
    </div>
  );
}
