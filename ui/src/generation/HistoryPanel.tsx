import { useEffect, useMemo, useState } from 'react';
import type { AssetRecord } from '../bindings/AssetRecord';
import type { GenerationRecord } from '../bindings/GenerationRecord';
import { modelLabel } from '../canvas/models';
import { CloseButton } from '../components/CloseButton';
import { Icon, type IconName } from '../components/Icon';
import { showToast } from '../components/toast-store';
import { relativeTime } from '../dashboard/relative-time';
import { useNow } from '../dashboard/use-now';
import { assetUrl } from '../storage/asset-url';
import {
  describeGenerationError,
  formatDuration,
  formatElapsed,
  formatUsd,
  isOpen,
  phaseLabel,
  runError,
  runPhase,
} from './generation-describe';
import { runsOf, useGeneration } from './generation-store';
import { capShare, spendByCanvas, totalsOf } from './generation-totals';
import {
  filterRuns,
  modelChoices,
  NO_FILTERS,
  STATUS_FILTERS,
  statusCounts,
  type HistoryFilters,
} from './history-filters';

interface HistoryPanelProps {
  /** One canvas's runs (the editor), or every canvas's (the dashboard). */
  canvasId?: string;
  /** Canvas names by id, to say where a run belongs (every-canvas view). */
  canvasNames?: Record<string, string>;
  /** Shows the node a run belongs to. */
  onOpenNode: (canvasId: string, nodeId: string) => void;
  /** The editor's slide-over has a close button; the dashboard's page does not. */
  onClose?: () => void;
}

const STATUS_WORDS: Record<string, string> = {
  pending: 'Queued',
  submitted: 'Queued',
  processing: 'Running',
  completed: 'Done',
  failed: 'Failed',
  canceled: 'Canceled',
};

/**
 * Every run, newest first: thumbnail, model, prompt, status, duration, cost and time, with
 * filters (status, model, canvas), a prompt search, what was spent (this canvas, this month,
 * per canvas) and per run: open its node, Retry, Run again exactly, Cancel.
 */
export function HistoryPanel({ canvasId, canvasNames = {}, onOpenNode, onClose }: HistoryPanelProps) {
  const available = useGeneration((s) => s.backend !== null);
  const allRuns = useGeneration((s) => s.runs);
  const listed = useGeneration((s) => s.listed[canvasId ?? '*']);
  const spend = useGeneration((s) => s.spend);
  const assets = useGeneration((s) => s.assets);
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const now = useNow(30_000);

  useEffect(() => {
    if (!available) return;
    const store = useGeneration.getState();
    void store.loadRuns(canvasId);
    void store.loadAssets(canvasId);
    void store.refreshSpend();
  }, [available, canvasId]);

  const runs = useMemo(() => runsOf(allRuns, canvasId), [allRuns, canvasId]);
  const shown = useMemo(() => filterRuns(runs, filters), [runs, filters]);
  const totals = useMemo(() => totalsOf(runs), [runs]);
  const counts = useMemo(() => statusCounts(runs), [runs]);
  const models = useMemo(() => modelChoices(runs), [runs]);
  const perCanvas = useMemo(
    () =>
      canvasId
        ? []
        : spendByCanvas(runs)
            .filter((c) => c.canvasId && c.usd > 0)
            .slice(0, 4),
    [runs, canvasId],
  );
  const canvasChoices = useMemo(
    () =>
      canvasId ? [] : [...new Set(runs.map((r) => r.canvasId).filter((id): id is string => Boolean(id)))],
    [runs, canvasId],
  );
  const set = (change: Partial<HistoryFilters>) => setFilters((f) => ({ ...f, ...change }));
  const filtered = filters.status !== 'all' || filters.model || filters.canvasId || filters.query.trim();

  const share = capShare(spend?.thisMonthUsd ?? 0, spend?.monthlyCapUsd);
  return (
    <section
      className={`history${onClose ? ' history--panel' : ' history--page'}`}
      data-testid="history-panel"
      aria-label="Generation history"
    >
      <header className="history__head">
        <div className="history__heading">
          <Icon name="history" size={16} />
          <h2 className="history__title">History</h2>
          {runs.length > 0 && <span className="history__count">{runs.length}</span>}
          {!canvasId && <span className="history__scope">Every run on every canvas</span>}
        </div>
        {onClose && <CloseButton label="Close history" testId="history-close" onClick={onClose} />}
      </header>

      {!available ? (
        <div className="history__note" data-testid="history-unavailable">
          <Icon name="monitor" size={15} />
          <span>
            Generating runs in the Koda desktop app, which keeps every run here. This browser shows the
            outputs saved in your canvases.
          </span>
        </div>
      ) : (
        <div className="history__totals">
          {canvasId ? (
            <div className="history__total" data-testid="history-total-canvas" data-usd={totals.usd}>
              <span className="history__total-label">This canvas</span>
              <span className="history__total-value">{formatUsd(totals.usd)}</span>
              <span className="history__total-sub">
                {totals.runs} {totals.runs === 1 ? 'run' : 'runs'}
                {totals.failed > 0 ? ` · ${totals.failed} failed` : ''}
              </span>
            </div>
          ) : (
            <div className="history__total" data-testid="history-total-listed" data-usd={totals.usd}>
              <span className="history__total-label">Listed runs</span>
              <span className="history__total-value">{formatUsd(totals.usd)}</span>
              <span className="history__total-sub">
                {totals.runs} {totals.runs === 1 ? 'run' : 'runs'} · {totals.completed} done
              </span>
            </div>
          )}
          <div
            className="history__total"
            data-testid="history-total-month"
            data-usd={spend?.thisMonthUsd ?? ''}
          >
            <span className="history__total-label">This month</span>
            <span className="history__total-value">{spend ? formatUsd(spend.thisMonthUsd) : '…'}</span>
            <span className="history__total-sub">
              {spend?.monthlyCapUsd !== undefined && spend?.monthlyCapUsd !== null
                ? `of ${formatUsd(spend.monthlyCapUsd)} cap`
                : 'No monthly cap'}
            </span>
            {share !== null && (
              <span
                className={`history__cap${share >= 0.9 ? ' is-near' : ''}`}
                role="progressbar"
                aria-label="Share of the monthly cap used"
                aria-valuenow={Math.round(share * 100)}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <span className="history__cap-bar" style={{ width: `${share * 100}%` }} />
              </span>
            )}
          </div>
          {perCanvas.length > 0 && (
            <ul className="history__by-canvas" aria-label="Spend per canvas">
              <li className="history__total-label" aria-hidden="true">
                By canvas
              </li>
              {perCanvas.map((c) => (
                <li key={c.canvasId} data-testid="history-canvas-total" data-canvas-id={c.canvasId}>
                  <span className="history__by-canvas-name">
                    {canvasNames[c.canvasId] ?? 'Deleted canvas'}
                  </span>
                  <span className="history__by-canvas-value">{formatUsd(c.usd)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {runs.length > 0 && (
        <div className="history__filters">
          <label className="history__search">
            <Icon name="search" size={14} />
            <input
              type="search"
              className="history__search-input"
              placeholder="Search prompts"
              aria-label="Search prompts"
              value={filters.query}
              data-testid="history-search"
              onChange={(e) => set({ query: e.target.value })}
            />
          </label>
          <div
            className="history__chips"
            role="radiogroup"
            aria-label="Status"
            data-testid="history-filter-status"
          >
            {STATUS_FILTERS.map((f) => (
              <button
                key={f.value}
                type="button"
                role="radio"
                aria-checked={filters.status === f.value}
                className={`history__chip${filters.status === f.value ? ' is-on' : ''}`}
                data-testid={`history-status-${f.value}`}
                disabled={f.value !== 'all' && counts[f.value] === 0}
                onClick={() => set({ status: f.value })}
              >
                {f.label}
                <span className="history__chip-count">{counts[f.value]}</span>
              </button>
            ))}
          </div>
          <div className="history__selects">
            <select
              className="select select--sm"
              aria-label="Model"
              value={filters.model}
              data-testid="history-filter-model"
              onChange={(e) => set({ model: e.target.value })}
            >
              <option value="">All models</option>
              {models.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
            {!canvasId && (
              <select
                className="select select--sm"
                aria-label="Canvas"
                value={filters.canvasId}
                data-testid="history-filter-canvas"
                onChange={(e) => set({ canvasId: e.target.value })}
              >
                <option value="">All canvases</option>
                {canvasChoices.map((id) => (
                  <option key={id} value={id}>
                    {canvasNames[id] ?? 'Deleted canvas'}
                  </option>
                ))}
              </select>
            )}
          </div>
        </div>
      )}

      <div className="history__list" role="list">
        {shown.map((run) => (
          <HistoryRow
            key={run.id}
            run={run}
            now={now}
            asset={firstAsset(run, assets)}
            canvasName={
              canvasId
                ? undefined
                : run.canvasId
                  ? (canvasNames[run.canvasId] ?? 'Deleted canvas')
                  : undefined
            }
            onOpenNode={onOpenNode}
          />
        ))}
        {available && shown.length === 0 && (
          <div className="history__empty" data-testid="history-empty">
            <Icon name={filtered ? 'search' : 'sparkles'} size={22} strokeWidth={1.5} />
            <span className="history__empty-title">
              {filtered ? 'No run matches' : listed === 'loading' ? 'Loading runs…' : 'No runs yet'}
            </span>
            <span className="history__empty-text">
              {filtered
                ? 'Try other filters or words.'
                : 'Press Generate on an image, video or audio node, or Run all in the top bar. Every run shows up here with its cost.'}
            </span>
          </div>
        )}
      </div>
    </section>
  );
}

function firstAsset(run: GenerationRecord, assets: Record<string, AssetRecord>): AssetRecord | undefined {
  const id = run.run?.resultAssetIds?.[0] ?? run.resultAssetId;
  return id ? assets[id] : undefined;
}

const NODE_ICONS: Record<string, IconName> = { image: 'image', video: 'video', audio: 'music' };

function RunThumb({ run, asset }: { run: GenerationRecord; asset?: AssetRecord }) {
  const open = isOpen(run);
  const src =
    asset?.type === 'image' && asset.localBlobKey
      ? assetUrl(`koda-asset://${asset.localBlobKey}`, 'thumb-small')
      : undefined;
  const icon: IconName = asset
    ? (NODE_ICONS[asset.type] ?? 'image')
    : run.model.includes('tts') || run.model.includes('audio') || run.model === 'ace-step'
      ? 'music'
      : /veo|kling|video|luma|minimax|hailuo|runway|sora|seedance|wan|ltx/.test(run.model)
        ? 'video'
        : 'image';
  return (
    <span className={`history-thumb history-thumb--${run.status}`} aria-hidden="true">
      {src ? (
        <img src={src} alt="" draggable={false} />
      ) : open ? (
        <span className="gen-status__spinner" />
      ) : (
        <Icon name={run.status === 'failed' ? 'alert' : icon} size={18} strokeWidth={1.6} />
      )}
    </span>
  );
}

function RowClock({ since }: { since: number }) {
  const now = useNow(1000);
  return <>{formatElapsed(now - since)}</>;
}

function HistoryRow({
  run,
  now,
  asset,
  canvasName,
  onOpenNode,
}: {
  run: GenerationRecord;
  now: number;
  asset?: AssetRecord;
  canvasName?: string;
  onOpenNode: (canvasId: string, nodeId: string) => void;
}) {
  const offline = useGeneration((s) => s.offline[run.id] === true);
  const waitingIndex = useGeneration((s) => s.spend?.waiting.indexOf(run.id) ?? -1);
  const [busy, setBusy] = useState(false);
  const open = isOpen(run);
  const phase = runPhase(run, { offline, waitingIndex });
  const error = run.status === 'failed' ? describeGenerationError(runError(run)) : null;
  const cost = run.run?.costUsd;
  const act = async (action: () => Promise<unknown>, verb: string) => {
    setBusy(true);
    try {
      const result = await action();
      if (result && typeof result === 'object' && 'code' in result && 'message' in result) {
        showToast({
          message: `${verb}: ${describeGenerationError(result as { code: string; message: string }).detail}`,
          tone: 'error',
          durationMs: 7000,
        });
      }
    } finally {
      setBusy(false);
    }
  };
  const canOpen = Boolean(run.canvasId && run.nodeId);
  return (
    <article
      className={`history-row history-row--${run.status}`}
      role="listitem"
      data-testid="history-row"
      data-status={run.status}
      data-run-id={run.id}
      data-phase={phase}
    >
      <RunThumb run={run} asset={asset} />
      <div className="history-row__main">
        <p className="history-row__prompt" title={run.prompt ?? ''}>
          {run.prompt?.trim() || <span className="history-row__no-prompt">No prompt</span>}
        </p>
        <p className="history-row__meta">
          <span className="history-row__model">{modelLabel(run.model)}</span>
          <span aria-hidden="true">·</span>
          <span data-testid="history-duration">
            {open ? <RowClock since={run.createdAt} /> : formatDuration(run.durationMs)}
          </span>
          <span aria-hidden="true">·</span>
          <span className="history-row__cost" data-testid="history-cost" data-usd={cost ?? ''}>
            {cost !== undefined ? formatUsd(cost) : '—'}
          </span>
          <span aria-hidden="true">·</span>
          <time
            dateTime={new Date(run.createdAt).toISOString()}
            title={new Date(run.createdAt).toLocaleString()}
          >
            {relativeTime(run.createdAt, now)}
          </time>
          {canvasName && (
            <>
              <span aria-hidden="true">·</span>
              <span className="history-row__canvas">{canvasName}</span>
            </>
          )}
        </p>
        {error && (
          <p className="history-row__error" title={`${error.title}: ${error.detail}`}>
            {error.title}: {error.detail}
          </p>
        )}
      </div>
      <div className="history-row__side">
        <span className={`history-status history-status--${phase}`}>
          {open
            ? phaseLabel(phase, run, { offline, waitingIndex })
            : (STATUS_WORDS[run.status] ?? run.status)}
        </span>
        <div className="history-row__actions">
          {canOpen && (
            <button
              type="button"
              className="btn btn--ghost btn--icon btn--sm"
              aria-label="Open its node"
              title="Open its node"
              data-testid="history-open-node"
              onClick={() => onOpenNode(run.canvasId!, run.nodeId!)}
            >
              <Icon name="open" size={14} />
            </button>
          )}
          {open ? (
            <button
              type="button"
              className="btn btn--ghost btn--sm"
              data-testid="history-cancel"
              disabled={busy}
              onClick={() => void act(() => useGeneration.getState().cancel(run.id), 'Couldn’t cancel')}
            >
              Cancel
            </button>
          ) : run.status === 'completed' ? (
            <button
              type="button"
              className="btn btn--ghost btn--sm"
              data-testid="history-run-again"
              aria-label="Run again exactly"
              title="Run again exactly: the same model, settings and inputs"
              disabled={busy}
              onClick={() => void act(() => useGeneration.getState().retry(run.id), 'Couldn’t run again')}
            >
              <Icon name="restore" size={13} />
              Run again
            </button>
          ) : (
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              data-testid="history-retry"
              disabled={busy}
              onClick={() => void act(() => useGeneration.getState().retry(run.id), 'Couldn’t retry')}
            >
              <Icon name="restore" size={13} />
              Retry
            </button>
          )}
        </div>
      </div>
    </article>
  );
}
