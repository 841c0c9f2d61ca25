/**
 * Undo/redo as a stack of snapshots. Callers `record` the state *before* each discrete change;
 * consecutive records with the same coalesce key (typing in one node) within a short window
 * count as one step.
 */
export interface HistoryOptions {
  limit?: number;
  coalesceMs?: number;
  now?: () => number;
}

export class History<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | null = null;
  private lastAt = 0;
  private readonly limit: number;
  private readonly coalesceMs: number;
  private readonly now: () => number;

  constructor(options: HistoryOptions = {}) {
    this.limit = options.limit ?? 100;
    this.coalesceMs = options.coalesceMs ?? 1500;
    this.now = options.now ?? Date.now;
  }

  /** Remembers `before` as an undo step. Returns false when it was merged into the previous step. */
  record(before: T, coalesceKey?: string): boolean {
    const at = this.now();
    const merge =
      coalesceKey !== undefined &&
      coalesceKey === this.lastKey &&
      at - this.lastAt <= this.coalesceMs &&
      this.past.length > 0;
    this.lastKey = coalesceKey ?? null;
    this.lastAt = at;
    this.future = [];
    if (merge) return false;
    this.past.push(before);
    if (this.past.length > this.limit) this.past.splice(0, this.past.length - this.limit);
    return true;
  }

  /** The state to go back to, given the present one; `null` when there is nothing to undo. */
  undo(present: T): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(present);
    this.lastKey = null;
    return previous;
  }

  redo(present: T): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(present);
    this.lastKey = null;
    return next;
  }

  /** Ends the current coalescing run (e.g. when a text field loses focus). */
  seal(): void {
    this.lastKey = null;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.lastKey = null;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  get size(): number {
    return this.past.length;
  }
}
