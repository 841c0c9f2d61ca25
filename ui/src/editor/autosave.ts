import type { ChangeEvent } from '../bindings/ChangeEvent';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { buildPatch, freezeSnapshot } from './patch-builder';
import { snapshotFromCanvas, type CanvasSnapshot } from './persisted';
import { rebase, type EditorGraph } from './rebase';

export type SaveState = 'saved' | 'saving' | 'error' | 'conflict';

export interface SaveStatus {
  state: SaveState;
  error?: ErrorPayload;
}

/** How soon after a change it is saved: quickly after a move, later while someone is typing. */
export type ChangeKind = 'structure' | 'typing';

/** Why the stored canvas was loaded again: our save was refused as stale, or a change event arrived. */
export type ReloadReason = 'conflict' | 'external' | 'synced';

export const DEBOUNCE_MS: Record<ChangeKind, number> = { structure: 300, typing: 1000 };

/** Rebase-and-retry rounds one save may take before it reports the conflict as an error. */
export const MAX_REBASES = 5;

/** Pause before saving again after the backend answered `busy`. */
export const BUSY_RETRY_MS = 1000;

export interface AutosaveOptions {
  provider: Pick<StorageProvider, 'applyPatch' | 'getCanvas'>;
  canvasId: string;
  /** The canvas as loaded; its revision is the base of the first patch. */
  initial: StoredCanvas;
  /**
   * The editor's state right after loading `initial`, if already loaded: sharing its node objects
   * makes the first comparison cheap. Defaults to `initial` itself.
   */
  baseline?: CanvasSnapshot;
  /** Reads the editor's current state. */
  getCurrent: () => EditorGraph;
  onStatus?: (status: SaveStatus) => void;
  /**
   * A newer stored canvas arrived (a conflict, a change from another window or the CLI, or one
   * synced from another device): the editor must show `graph`, which is that canvas with the
   * person's unsaved edits re-applied (`keptEdits`); those are then saved against it.
   */
  onReload?: (canvas: StoredCanvas, reason: ReloadReason, graph: EditorGraph, keptEdits: boolean) => void;
  onSaved?: (revision: number) => void;
  debounceMs?: Partial<Record<ChangeKind, number>>;
}

/**
 * The save queue of one open canvas. Changes are debounced and coalesced into one patch against
 * the last saved snapshot; one request is in flight at a time; a failed save keeps the changes
 * so Retry (or the next edit) sends them again.
 */
export class AutosaveQueue {
  private saved: CanvasSnapshot;
  private revision: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private inFlight = false;
  private status: SaveStatus = { state: 'saved' };
  /** Revisions this window wrote; their change events are echoes, not news. */
  private readonly ownRevisions = new Set<number>();
  /** After a conflict, "Updated from another device" stays up until the next edit. */
  private conflictNotice = false;
  /** Conflicts met by one save in a row (each rebases and tries again; others keep writing). */
  private conflictsInARow = 0;
  private disposed = false;
  private readonly debounce: Record<ChangeKind, number>;

  constructor(private readonly options: AutosaveOptions) {
    this.saved = freezeSnapshot(options.baseline ?? snapshotFromCanvas(options.initial));
    this.revision = options.initial.revision;
    this.debounce = { ...DEBOUNCE_MS, ...options.debounceMs };
  }

  get currentRevision(): number {
    return this.revision;
  }

  get currentStatus(): SaveStatus {
    return this.status;
  }

  /** Something persistable changed: save after the debounce, restarting it on every call. */
  schedule(kind: ChangeKind = 'structure'): void {
    if (this.disposed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.conflictNotice = false;
    if (this.status.state !== 'error') this.setStatus({ state: 'saving' });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.enqueue().catch(() => {
        /* the status already says what went wrong */
      });
    }, this.debounce[kind]);
  }

  /** Saves now; resolves once everything changed so far is stored, rejects with the error if not. */
  flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    return this.enqueue();
  }

  /** The Retry button. */
  retry(): Promise<void> {
    return this.flush();
  }

  /** Whether anything is not yet stored (pending, in flight, or failed). */
  hasUnsavedChanges(): boolean {
    return this.inFlight || this.timer !== null || buildPatch(this.saved, this.options.getCurrent()) !== null;
  }

  isOwnRevision(revision: number | undefined): boolean {
    return revision !== undefined && this.ownRevisions.has(revision);
  }

  /**
   * A change event from the backend. Echoes of our own saves are ignored; a newer revision is
   * loaded with unsaved edits re-applied on top, in turn with saves (after the one in flight).
   */
  handleExternalChange(event: ChangeEvent): Promise<void> {
    const revision = event.revision;
    if (event.canvasId !== this.options.canvasId || revision === undefined || revision === null)
      return Promise.resolve();
    // `synced` is not in older generated bindings yet.
    const reason: ReloadReason = (event.kind as string) === 'synced' ? 'synced' : 'external';
    const run = this.chain.then(() => {
      if (this.disposed || this.isOwnRevision(revision) || revision <= this.revision) return;
      return this.reload(reason);
    });
    this.chain = run.catch(() => {});
    return run;
  }

  /** Forget the canvas: stop timers; nothing further is sent. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  // ---- internals ------------------------------------------------------------------------

  private setStatus(status: SaveStatus): void {
    this.status = status;
    this.options.onStatus?.(status);
  }

  /** Runs one save after whatever is already running: at most one request in flight. */
  private enqueue(): Promise<void> {
    const run = this.chain.then(() => this.saveOnce());
    this.chain = run.catch(() => {});
    return run;
  }

  private async saveOnce(): Promise<void> {
    const current = freezeSnapshot(this.options.getCurrent());
    const patch = buildPatch(this.saved, current);
    if (!patch) {
      if (this.timer === null && this.status.state !== 'conflict') this.setStatus({ state: 'saved' });
      return;
    }
    this.inFlight = true;
    if (!this.conflictNotice) this.setStatus({ state: 'saving' });
    try {
      const revision = await this.options.provider.applyPatch(this.options.canvasId, this.revision, patch);
      this.ownRevisions.add(revision);
      this.conflictsInARow = 0;
      this.saved = current;
      this.revision = revision;
      this.inFlight = false;
      this.options.onSaved?.(revision);
      // Edits made while the request was out are saved by the timer they started.
      if (this.timer === null)
        this.setStatus(this.conflictNotice ? { state: 'conflict' } : { state: 'saved' });
    } catch (raw) {
      this.inFlight = false;
      const error = toErrorPayload(raw);
      if (error.code === 'conflict' && this.conflictsInARow < MAX_REBASES) {
        this.conflictsInARow += 1;
        await this.reload('conflict');
        return;
      }
      this.conflictsInARow = 0;
      this.setStatus({ state: 'error', error });
      // Another Koda process holds the database for a moment: try again by itself.
      if (error.code === 'busy') setTimeout(() => this.schedule('structure'), BUSY_RETRY_MS);
      throw error;
    }
  }

  /**
   * Loads the stored canvas and rebases the unsaved edits onto it (`rebase`): the editor shows
   * both, "last saved" becomes the stored canvas, and the edits are saved against its revision.
   */
  private async reload(reason: ReloadReason): Promise<void> {
    let canvas: StoredCanvas | null;
    try {
      canvas = await this.options.provider.getCanvas(this.options.canvasId);
    } catch (raw) {
      const error = toErrorPayload(raw);
      this.setStatus({ state: 'error', error });
      throw error;
    }
    if (!canvas) {
      const error: ErrorPayload = { code: 'not_found', message: 'This canvas was deleted elsewhere.' };
      this.setStatus({ state: 'error', error });
      throw error;
    }
    if (this.disposed) return;
    const { base, next, keptEdits } = rebase(canvas, this.saved, this.options.getCurrent());
    this.saved = freezeSnapshot(base);
    this.revision = canvas.revision;
    this.options.onReload?.(canvas, reason, next, keptEdits);
    if (reason === 'conflict') this.conflictNotice = true;
    if (!keptEdits) {
      if (this.timer === null)
        this.setStatus(this.conflictNotice ? { state: 'conflict' } : { state: 'saved' });
      return;
    }
    // The re-applied edits still need saving, now against the stored revision: a pending
    // debounce timer will do it; otherwise save them now, in this turn of the queue (so a
    // flush waits for them too).
    if (this.timer === null) await this.saveOnce();
  }
}
