/**
 * The History panel's filters: by status (grouped as a person thinks of them), model, canvas and
 * words of the prompt; plus the choices the filter menus offer.
 */
import type { GenerationRecord } from '../bindings/GenerationRecord';
import { modelLabel } from '../canvas/models';
import { isOpen } from './generation-describe';

export type StatusFilter = 'all' | 'active' | 'completed' | 'failed' | 'canceled';

export interface HistoryFilters {
  status: StatusFilter;
  /** A model id, or '' for any. */
  model: string;
  /** A canvas id, or '' for any. */
  canvasId: string;
  /** Words that must all appear in the prompt (or the model's name), any case. */
  query: string;
}

export const NO_FILTERS: HistoryFilters = { status: 'all', model: '', canvasId: '', query: '' };

export const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'In progress' },
  { value: 'completed', label: 'Done' },
  { value: 'failed', label: 'Failed' },
  { value: 'canceled', label: 'Canceled' },
];

export function matchesStatus(record: GenerationRecord, status: StatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'active':
      return isOpen(record);
    default:
      return record.status === status;
  }
}

function words(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Runs passing every filter, newest first. */
export function filterRuns(
  records: readonly GenerationRecord[],
  filters: HistoryFilters,
): GenerationRecord[] {
  const wanted = words(filters.query);
  return records
    .filter((record) => {
      if (!matchesStatus(record, filters.status)) return false;
      if (filters.model && record.model !== filters.model) return false;
      if (filters.canvasId && record.canvasId !== filters.canvasId) return false;
      if (wanted.length > 0) {
        const haystack = `${record.prompt ?? ''} ${modelLabel(record.model)} ${record.model}`.toLowerCase();
        if (!wanted.every((word) => haystack.includes(word))) return false;
      }
      return true;
    })
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Models that appear in the runs, by label, for the model filter. */
export function modelChoices(records: readonly GenerationRecord[]): { value: string; label: string }[] {
  const ids = [...new Set(records.map((r) => r.model).filter(Boolean))];
  return ids
    .map((id) => ({ value: id, label: modelLabel(id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** How many runs each status filter would show (for the chips' counts). */
export function statusCounts(records: readonly GenerationRecord[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = {
    all: records.length,
    active: 0,
    completed: 0,
    failed: 0,
    canceled: 0,
  };
  for (const record of records) {
    if (isOpen(record)) counts.active += 1;
    else if (record.status === 'completed' || record.status === 'failed' || record.status === 'canceled')
      counts[record.status] += 1;
  }
  return counts;
}
