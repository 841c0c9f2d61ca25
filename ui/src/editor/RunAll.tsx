import { useState } from 'react';
import { useApp } from '../app/app-store';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import { nodeWords } from '../canvas/node-content';
import { readString } from '../canvas/node-data';
import { nodeTypeLabel } from '../canvas/node-specs';
import { isGeneratorType } from '../canvas/output-history';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { showToast } from '../components/toast-store';
import { describeGenerationError, formatUsd } from '../generation/generation-describe';
import { useGeneration } from '../generation/generation-store';
import { summarizePlan, type PlanSummary } from '../generation/run-plan';
import { toErrorPayload } from '../storage/errors';
import { useEditor } from './editor-store';

/** A node as the plan names it: its name, else its type and the start of its words. */
function labelOf(nodeId: string): string {
  const node = useEditor.getState().nodes.find((n) => n.id === nodeId);
  if (!node) return 'A deleted node';
  const name = readString(node.data, 'name')?.trim();
  if (name) return name;
  const words = nodeWords(node.type, node.data).trim().replace(/\s+/g, ' ');
  const type = nodeTypeLabel(node.type);
  return words ? `${type} — “${words.length > 40 ? `${words.slice(0, 39)}…` : words}”` : type;
}

const saveFirst = () => useEditor.getState().saveNow();

type DialogState =
  | { phase: 'planning' }
  | { phase: 'ready'; summary: PlanSummary; selection?: string[] }
  | { phase: 'starting'; summary: PlanSummary; selection?: string[] }
  | { phase: 'error'; error: ErrorPayload };

/**
 * Run all in the top bar: runs every generator of the canvas (or the selected ones) in dependency
 * order. It first shows the plan — how many run, which are skipped and why, the estimated total —
 * and starts only when confirmed.
 */
export function RunAllButton({ ready }: { ready: boolean }) {
  const available = useGeneration((s) => s.backend !== null);
  const readOnly = useEditor((s) => s.readOnly);
  // Selected generators (cheap: a count, recomputed per change). One selected node is not a
  // selection to run (clicking a node's Generate selects it): that is Generate.
  const picked = useEditor((s) =>
    s.nodes.reduce((n, node) => (node.selected && isGeneratorType(node.type) ? n + 1 : n), 0),
  );
  const selected = picked >= 2 ? picked : 0;
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const disabledWhy = !available
    ? 'Generating needs the Koda desktop app'
    : readOnly
      ? 'Duplicate this canvas to generate'
      : undefined;

  const open = async () => {
    const canvasId = useEditor.getState().canvasId;
    if (!canvasId) return;
    const selection =
      selected > 0
        ? useEditor
            .getState()
            .nodes.filter((n) => n.selected && isGeneratorType(n.type))
            .map((n) => n.id)
        : undefined;
    setDialog({ phase: 'planning' });
    try {
      const store = useGeneration.getState();
      const plan = await store.plan(canvasId, selection, saveFirst);
      void store.refreshSpend();
      setDialog({
        phase: 'ready',
        summary: summarizePlan(plan, labelOf, store.spend ?? undefined),
        selection,
      });
    } catch (raw) {
      setDialog({ phase: 'error', error: toErrorPayload(raw) });
    }
  };

  const confirm = async () => {
    const canvasId = useEditor.getState().canvasId;
    if (!canvasId || dialog?.phase !== 'ready') return;
    setDialog({ ...dialog, phase: 'starting' });
    try {
      const plan = await useGeneration.getState().runAll(canvasId, dialog.selection, saveFirst);
      setDialog(null);
      const n = plan.runs.length;
      showToast({
        message:
          n === 0
            ? 'Nothing to run'
            : `Running ${n} ${n === 1 ? 'node' : 'nodes'} · about ${formatUsd(plan.totalCostUsd)}`,
        tone: 'success',
      });
    } catch (raw) {
      setDialog({ phase: 'error', error: toErrorPayload(raw) });
    }
  };

  const label = selected > 0 ? `Run ${selected} selected` : 'Run all';
  return (
    <>
      <span
        className="generate-wrap"
        title={
          disabledWhy ?? (selected > 0 ? 'Run the selected generators' : 'Run every generator on this canvas')
        }
      >
        <button
          type="button"
          className="btn btn--secondary btn--sm topbar__run"
          data-testid="run-all"
          disabled={!ready || disabledWhy !== undefined}
          onClick={() => void open()}
        >
          <Icon name="play" size={12} strokeWidth={2.2} />
          {label}
        </button>
      </span>
      {dialog && (
        <RunAllDialog
          state={dialog}
          selection={selected > 0}
          onCancel={() => setDialog(null)}
          onConfirm={() => void confirm()}
        />
      )}
    </>
  );
}

function RunAllDialog({
  state,
  selection,
  onCancel,
  onConfirm,
}: {
  state: DialogState;
  selection: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const spend = useGeneration((s) => s.spend);
  const summary = state.phase === 'ready' || state.phase === 'starting' ? state.summary : null;
  const title = selection ? 'Run the selection' : 'Run all';
  return (
    <Modal
      title={title}
      onClose={onCancel}
      testId="run-all-dialog"
      footer={
        <>
          <button
            type="button"
            className="btn btn--secondary"
            onClick={onCancel}
            data-testid="run-all-cancel"
          >
            Cancel
          </button>
          <button
            type="button"
            className="btn btn--primary"
            data-autofocus
            data-testid="run-all-confirm"
            disabled={!summary || summary.runs.length === 0 || state.phase === 'starting'}
            onClick={onConfirm}
          >
            <Icon name="play" size={12} strokeWidth={2.2} />
            {state.phase === 'starting' ? 'Starting…' : (summary?.confirmLabel ?? 'Run')}
          </button>
        </>
      }
    >
      {state.phase === 'planning' && <p className="modal__message">Working out what to run…</p>}
      {state.phase === 'error' && (
        <p className="run-plan__error" role="alert" data-testid="run-all-error" data-code={state.error.code}>
          {describeGenerationError(state.error).detail}
          {describeGenerationError(state.error).remedy === 'settings' && (
            <button
              type="button"
              className="btn btn--ghost btn--sm run-plan__settings"
              data-testid="run-all-settings"
              onClick={() => {
                onCancel();
                useApp.getState().openSettings('ai');
              }}
            >
              Open AI providers
            </button>
          )}
        </p>
      )}
      {summary && (
        <div className="run-plan">
          <div className="run-plan__total">
            <span className="run-plan__total-value" data-testid="run-all-cost" data-usd={summary.totalUsd}>
              {summary.runs.length > 0 ? `~${formatUsd(summary.totalUsd)}` : formatUsd(0)}
            </span>
            <span className="run-plan__total-label">
              estimated for {summary.runs.length} {summary.runs.length === 1 ? 'run' : 'runs'}
              {summary.skipped.length > 0 ? ` · ${summary.skipped.length} skipped` : ''}
            </span>
            {spend && (
              <span className="run-plan__month">
                {formatUsd(spend.thisMonthUsd)} spent this month
                {spend.monthlyCapUsd !== undefined && spend.monthlyCapUsd !== null
                  ? ` of ${formatUsd(spend.monthlyCapUsd)}`
                  : ''}
              </span>
            )}
          </div>
          {summary.overCap && (
            <p className="run-plan__warning" data-testid="run-all-over-cap">
              <Icon name="alert" size={14} />
              This would bring the month to {formatUsd(summary.overCap.afterUsd)}, past your{' '}
              {formatUsd(summary.overCap.capUsd)} cap: runs past it are refused.
            </p>
          )}
          {summary.runs.length > 0 && (
            <ol className="run-plan__list" aria-label="Runs, in order">
              {summary.runs.map((run) => (
                <li
                  key={run.nodeId}
                  className="run-plan__item"
                  data-testid="run-all-run"
                  data-node-id={run.nodeId}
                >
                  <span className="run-plan__name">{run.label}</span>
                  <span className="run-plan__model">
                    {run.modelLabel}
                    {run.after.length > 0 ? ` · after ${run.after.join(', ')}` : ''}
                  </span>
                  <span className="run-plan__cost">{formatUsd(run.costUsd)}</span>
                </li>
              ))}
            </ol>
          )}
          {summary.skipped.length > 0 && (
            <details
              className="run-plan__skipped"
              open={summary.runs.length === 0 || summary.skipped.length <= 3}
            >
              <summary>{summary.skipped.length} skipped</summary>
              <ul>
                {summary.skipped.map((row) => (
                  <li key={row.nodeId} data-testid="run-all-skipped" data-node-id={row.nodeId}>
                    <span className="run-plan__name">{row.label}</span>
                    <span className="run-plan__reason">{row.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <p className="run-plan__note">
            Nodes run after the ones they take inputs from. fal bills the real amount; estimates come from
            list prices.
          </p>
        </div>
      )}
    </Modal>
  );
}
