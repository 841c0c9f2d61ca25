/**
 * Version history of the browser store: which states of a canvas are kept as versions, and the
 * caps. Every write that replaces a canvas passes through `replacing` (synchronously, before the
 * write); the version itself is written to its store (IndexedDB) in the background, so saves are
 * never slower, and reads wait for it.
 *
 * What is kept, as the desktop app does:
 * - an edit replacing a state that had settled (no edit for `settleMs`), the state the canvas had
 *   when this page first edited it, and during long unbroken editing one state every
 *   `checkpointMs`;
 * - before a whole-canvas save that changes the content (source `import`), and before every
 *   restore (source `restore`): nothing a restore replaces is lost.
 * Empty canvases are not kept, nor a state already kept (same revision).
 */
import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { VersionInfo } from '../bindings/VersionInfo';
import type { VersionSource } from '../bindings/VersionSource';
import { storageError } from './errors';
import { newestFirst, versionContent, type NewVersion, type VersionStore } from './version-store';

export const SETTLE_MS = 2 * 60_000;
export const CHECKPOINT_MS = 10 * 60_000;
/** Versions kept per canvas (the oldest go first). */
export const MAX_PER_CANVAS = 50;
/** Versions kept in all (the oldest of any canvas go first). */
export const MAX_VERSIONS = 600;

export interface BrowserHistoryOptions {
  now?: () => number;
  settleMs?: number;
  checkpointMs?: number;
  maxPerCanvas?: number;
  maxVersions?: number;
}

function isEmpty(canvas: StoredCanvas): boolean {
  return (canvas.nodes ?? []).length === 0 && (canvas.edges ?? []).length === 0;
}

function sameContent(a: StoredCanvas, b: StoredCanvas): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    JSON.stringify(a.nodes ?? []) === JSON.stringify(b.nodes ?? []) &&
    JSON.stringify(a.edges ?? []) === JSON.stringify(b.edges ?? [])
  );
}

export class BrowserHistory {
  private readonly now: () => number;
  private readonly settleMs: number;
  private readonly checkpointMs: number;
  private readonly maxPerCanvas: number;
  private readonly maxVersions: number;
  /** When this page last kept (or chose not to keep) a version of each canvas. */
  private readonly lastKept = new Map<string, number>();
  /** Versions being written; reads wait for them. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: VersionStore,
    options: BrowserHistoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.settleMs = options.settleMs ?? SETTLE_MS;
    this.checkpointMs = options.checkpointMs ?? CHECKPOINT_MS;
    this.maxPerCanvas = options.maxPerCanvas ?? MAX_PER_CANVAS;
    this.maxVersions = options.maxVersions ?? MAX_VERSIONS;
  }

  /** Whether writing `next` over `previous` keeps `previous` as a version (see the file comment). */
  shouldKeep(previous: StoredCanvas, next: StoredCanvas, source: VersionSource): boolean {
    const now = this.now();
    const last = this.lastKept.get(previous.id);
    if (source !== 'edit') return !isEmpty(previous) && !sameContent(previous, next);
    // Panning and thumbnails leave `updatedAt` alone: not edits.
    if (next.updatedAt === previous.updatedAt && next.name === previous.name) return false;
    if (isEmpty(previous)) {
      this.lastKept.set(previous.id, now);
      return false;
    }
    if (last === undefined) return true;
    if (now - (previous.updatedAt || 0) >= this.settleMs) return true;
    return now - last >= this.checkpointMs;
  }

  /**
   * Called before a write replaces `previous` with `next`: keeps `previous` when it should. The
   * content is copied now (the caller may change its objects afterwards) and written later.
   */
  replacing(previous: StoredCanvas, next: StoredCanvas, source: VersionSource = 'edit'): void {
    if (!this.shouldKeep(previous, next, source)) return;
    const now = this.now();
    this.lastKept.set(previous.id, now);
    const content = versionContent(previous);
    const meta: NewVersion = {
      canvasId: previous.id,
      at: previous.updatedAt || now,
      source,
      revision: previous.revision ?? 0,
      name: previous.name,
      nodeCount: content.nodes.length,
    };
    this.pending = this.pending
      .then(() => this.persist(meta, content))
      .catch((error) => console.warn('A version could not be kept', error));
  }

  private async persist(meta: NewVersion, content: StoredCanvas): Promise<void> {
    const kept = await this.store.list(meta.canvasId);
    if (kept.some((v) => v.revision === meta.revision)) return;
    await this.store.add(meta, content);
    if (kept.length + 1 > this.maxPerCanvas)
      await this.store.remove(
        meta.canvasId,
        kept.slice(this.maxPerCanvas - 1).map((v) => v.id),
      );
    const all = await this.store.all();
    if (all.length <= this.maxVersions) return;
    const oldest = all.sort(newestFirst).slice(this.maxVersions);
    for (const canvasId of new Set(oldest.map((v) => v.canvasId)))
      await this.store.remove(
        canvasId,
        oldest.filter((v) => v.canvasId === canvasId).map((v) => v.id),
      );
  }

  /** A canvas's versions, newest first (including one being written). */
  async list(canvasId: string): Promise<VersionInfo[]> {
    await this.pending;
    return this.store.list(canvasId);
  }

  /** The canvas as a version shows it; rejects with `not_found` for an unknown version. */
  async get(canvasId: string, versionId: number): Promise<StoredCanvas> {
    await this.pending;
    const canvas = await this.store.get(canvasId, versionId);
    if (!canvas)
      throw storageError('not_found', `version ${versionId} of canvas '${canvasId}' was not found`);
    return canvas;
  }

  /** Forgets every version of a canvas (it was deleted for good). */
  forget(canvasId: string): Promise<void> {
    this.lastKept.delete(canvasId);
    this.pending = this.pending
      .then(async () => {
        const kept = await this.store.list(canvasId);
        await this.store.remove(
          canvasId,
          kept.map((v) => v.id),
        );
      })
      .catch((error) => console.warn('Versions could not be removed', error));
    return this.pending;
  }

  /** Resolves once every version asked for so far is written. */
  settled(): Promise<void> {
    return this.pending;
  }
}
