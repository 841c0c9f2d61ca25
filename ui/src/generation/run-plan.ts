/**
 * Run all's plan as the confirmation shows it: what runs (in order, with what each waits for),
 * what is skipped and why, the total, and whether it fits under the monthly cap.
 */
import type { RunPlan } from '../bindings/RunPlan';
import { modelLabel } from '../canvas/models';
import { formatUsd, reasonOf } from './generation-describe';

export interface PlannedRow {
  nodeId: string;
  label: string;
  model: string;
  modelLabel: string;
  costUsd: number;
  /** Labels of the planned nodes it waits for. */
  after: string[];
}

export interface SkippedRow {
  nodeId: string;
  label: string;
  reason: string;
}

export interface PlanSummary {
  runs: PlannedRow[];
  skipped: SkippedRow[];
  totalUsd: number;
  /** "3 runs · 1 skipped · ~$0.42". */
  headline: string;
  /** "Run 3 nodes" (the confirm button). */
  confirmLabel: string;
  /** This month's spend after the plan, when a cap is set and the plan passes it. */
  overCap: { afterUsd: number; capUsd: number } | null;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Why a node is skipped, as a sentence ("Unchanged since its last output."). */
export function skipReason(reason: string): string {
  return reasonOf(reason) || 'Skipped.';
}

export function summarizePlan(
  plan: RunPlan,
  labelOf: (nodeId: string) => string,
  spend?: { thisMonthUsd: number; monthlyCapUsd?: number | null },
): PlanSummary {
  const runs = plan.runs.map((run) => ({
    nodeId: run.nodeId,
    label: labelOf(run.nodeId),
    model: run.model,
    modelLabel: run.model ? modelLabel(run.model) : 'Model decided after its inputs run',
    costUsd: run.costUsd,
    after: run.after.map(labelOf),
  }));
  const skipped = plan.skipped.map(([nodeId, reason]) => ({
    nodeId,
    label: labelOf(nodeId),
    reason: skipReason(reason),
  }));
  const totalUsd = plan.totalCostUsd;
  const parts = [plural(runs.length, 'run')];
  if (skipped.length > 0) parts.push(`${skipped.length} skipped`);
  if (runs.length > 0) parts.push(`~${formatUsd(totalUsd)}`);
  const cap = spend?.monthlyCapUsd;
  const afterUsd = (spend?.thisMonthUsd ?? 0) + totalUsd;
  return {
    runs,
    skipped,
    totalUsd,
    headline: parts.join(' · '),
    confirmLabel: runs.length === 0 ? 'Nothing to run' : `Run ${plural(runs.length, 'node')}`,
    overCap:
      cap !== undefined && cap !== null && runs.length > 0 && afterUsd > cap + 1e-9
        ? { afterUsd, capUsd: cap }
        : null,
  };
}
