/**
 * What runs cost, added up the way the app counts its monthly cap (koda-generate
 * `spent_this_month`): a run costs its estimate once it was sent to fal, whatever became of it;
 * a run that never left (canceled while queued, waiting offline) costs nothing.
 */
import type { GenerationRecord } from '../bindings/GenerationRecord';

/** Whether the run reached fal (or may have): only those are paid for. */
export function wasSent(record: GenerationRecord): boolean {
  const run = record.run;
  return Boolean(run && (run.attempts > 0 || run.requestId));
}

/** What a run counts for in the totals (its estimate once sent). */
export function runCostUsd(record: GenerationRecord): number {
  return wasSent(record) ? (record.run?.costUsd ?? 0) : 0;
}

/** The first millisecond of the UTC month `at` falls in (the app's cap month). */
export function monthStartUtc(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

export interface Totals {
  usd: number;
  /** Every run counted, sent or not. */
  runs: number;
  completed: number;
  failed: number;
}

const round = (usd: number) => Math.round(usd * 10_000) / 10_000;

/** Totals of some runs. */
export function totalsOf(records: readonly GenerationRecord[]): Totals {
  let usd = 0;
  let completed = 0;
  let failed = 0;
  for (const record of records) {
    usd += runCostUsd(record);
    if (record.status === 'completed') completed += 1;
    if (record.status === 'failed') failed += 1;
  }
  return { usd: round(usd), runs: records.length, completed, failed };
}

/** Spend of the runs created since `start`. */
export function spendSince(records: readonly GenerationRecord[], start: number): number {
  return round(records.filter((r) => r.createdAt >= start).reduce((sum, r) => sum + runCostUsd(r), 0));
}

/** This UTC month's spend of these runs. */
export function spendThisMonth(records: readonly GenerationRecord[], now: number = Date.now()): number {
  return spendSince(records, monthStartUtc(now));
}

export interface CanvasSpend extends Totals {
  canvasId: string;
}

/** Totals per canvas, the most spent first (runs without a canvas under ''). */
export function spendByCanvas(records: readonly GenerationRecord[]): CanvasSpend[] {
  const groups = new Map<string, GenerationRecord[]>();
  for (const record of records) {
    const key = record.canvasId ?? '';
    const list = groups.get(key);
    if (list) list.push(record);
    else groups.set(key, [record]);
  }
  return [...groups.entries()]
    .map(([canvasId, list]) => ({ canvasId, ...totalsOf(list) }))
    .sort((a, b) => b.usd - a.usd || b.runs - a.runs);
}

/** How much of the cap is used, 0–1 (null without a cap). */
export function capShare(spentUsd: number, capUsd: number | undefined | null): number | null {
  if (capUsd === undefined || capUsd === null || capUsd <= 0) return null;
  return Math.min(1, Math.max(0, spentUsd / capUsd));
}
