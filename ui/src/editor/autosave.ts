import type { ChangeEvent } from '../bindings/ChangeEvent';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { buildPatch, freezeSnapshot } from './patch-builder';
import { snapshotFromCanvas, type CanvasSnapshot } from './persisted';

export type SaveState = 'saved' | 'saving' | 'error' | 'conflict';

export interface SaveStatus {
  state: SaveState;
  error?: ErrorPayload;
}

/** How soon after a change it is saved: quickly after a move, later while someone is typing. */
export type ChangeKind = 'structure' | 'typing';

export const DEBOUNCE_MS: Record<ChangeKind, number> = { structure: 300, typing: 1000 };

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
  getCurrent: () => CanvasSnapshot;
  onStatus?: (status: SaveStatus) => void;
  /** The stored canvas replaced the local one (a conflict, or a change made elsewhere). */
  onReload?: (canvas: StoredCanvas, reason: 'conflict' | 'external') => void;
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
  /** An external revision seen while a save was in flight, handled once it lands. */
  private deferredExternal: number | null = null;
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
   * loaded when nothing is unsaved here, else kept for the next save to resolve as a conflict.
   */
  async handleExternalChange(event: ChangeEvent): Promise<void> {
    if (event.canvasId !== this.options.canvasId || event.revision === undefined || event.revision === null) return;
    if (this.isOwnRevision(event.revision) || event.revision <= this.revision) return;
    if (this.inFlight) {
      this.deferredExternal = Math.max(this.deferredExternal ?? 0, event.revision);
      return;
    }
    if (this.hasUnsavedChanges()) return;
    await this.reload('external');
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
    this.setStatus({ state: 'saving' });
    try {
      const revision = await this.options.provider.applyPatch(this.options.canvasId, this.revision, patch);
      this.ownRevisions.add(revision);
      this.saved = current;
      this.revision = revision;
      this.inFlight = false;
      this.options.onSaved?.(revision);
      // Edits made while the request was out are saved by the timer they started.
      if (this.timer === null) this.setStatus({ state: 'saved' });
      await this.handleDeferredExternal();
    } catch (raw) {
      this.inFlight = false;
      const error = toErrorPayload(raw);
      if (error.code === 'conflict') {
        await this.reload('conflict');
        return;
      }
      this.setStatus({ state: 'error', error });
      // Another Koda process holds the database for a moment: try again by itself.
      if (error.code === 'busy') setTimeout(() => this.schedule('structure'), BUSY_RETRY_MS);
      throw error;
    }
  }

  private async handleDeferredExternal(): Promise<void> {
    const revision = this.deferredExternal;
    this.deferredExternal = null;
    if (revision === null || revision <= this.revision || this.isOwnRevision(revision)) return;
    if (!this.hasUnsavedChanges()) await this.reload('external');
  }

  /** Replaces the local canvas with the stored one; local unsaved edits are dropped. */
  private async reload(reason: 'conflict' | 'external'): Promise<void> {
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
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.saved = freezeSnapshot(snapshotFromCanvas(canvas));
    this.revision = canvas.revision;
    this.options.onReload?.(canvas, reason);
    this.setStatus({ state: reason === 'conflict' ? 'conflict' : 'saved' });
  }
}
