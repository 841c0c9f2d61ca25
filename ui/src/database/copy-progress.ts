import type { CopyPhase } from '../bindings/CopyPhase';
import type { CopyProgress } from '../bindings/CopyProgress';

/** A move's progress as the bar shows it. */
export interface CopyProgressView {
  phase: CopyPhase;
  /** Done of total in this phase. */
  done: number;
  total: number;
  canvasName?: string;
  /** 0–1 across the whole move. */
  fraction: number;
}

const PHASES: readonly CopyPhase[] = ['canvases', 'records', 'settings', 'verifying', 'done'];

/** Where each phase starts and ends on the bar: copying canvases is most of the work. */
const SPANS: Record<CopyPhase, readonly [number, number]> = {
  canvases: [0, 0.7],
  records: [0.7, 0.8],
  settings: [0.8, 0.85],
  verifying: [0.85, 1],
  done: [1, 1],
};

function phaseIndex(phase: CopyPhase): number {
  const index = PHASES.indexOf(phase);
  return index < 0 ? -1 : index;
}

/** The share of the whole move an event stands for. */
export function overallFraction(event: CopyProgress): number {
  const [start, end] = SPANS[event.phase] ?? [0, 0];
  const within = event.total > 0 ? Math.min(Math.max(event.done, 0), event.total) / event.total : 0;
  return start + (end - start) * within;
}

/**
 * The next progress after an event from the app. Events of an earlier phase, or older ones of
 * the same phase, are ignored (the bar never goes back); unknown phases too.
 */
export function reduceProgress(
  current: CopyProgressView | null,
  event: CopyProgress,
): CopyProgressView | null {
  const next = phaseIndex(event.phase);
  if (next < 0) return current;
  if (current) {
    const now = phaseIndex(current.phase);
    if (next < now || (next === now && event.done < current.done)) return current;
  }
  const total = Math.max(event.total, 0);
  return {
    phase: event.phase,
    done: Math.min(Math.max(event.done, 0), total),
    total,
    canvasName: event.canvasName?.trim() || undefined,
    fraction: overallFraction(event),
  };
}

/** One line under the bar: what is happening, and how far into it. */
export function progressLine(view: CopyProgressView | null): string {
  if (!view) return 'Starting…';
  // `done` counts finished items; the one in hand is the next.
  const current = Math.min(view.done + 1, view.total);
  switch (view.phase) {
    case 'canvases':
      return view.total > 0 ? `Copying canvas ${current} of ${view.total}` : 'Copying canvases';
    case 'records':
      return 'Copying media and generation records';
    case 'settings':
      return 'Copying settings and profile';
    case 'verifying':
      return view.total > 0 ? `Checking canvas ${current} of ${view.total}` : 'Checking the copy';
    case 'done':
      return 'Done';
  }
}
