import { sameStoredGraph, type KodaEdge, type KodaNode } from '../editor/persisted';
import { ASSET_REF_PREFIX } from '../storage/asset-url';
import { firstCanvasImage } from './canvas-image';
import type { PictureNode } from './layout';

export interface CanvasPicture {
  nodes: readonly KodaNode[];
  edges: readonly KodaEdge[];
}

export interface ThumbnailCaptureOptions {
  /** The canvas as it is now (the editor's state, or its last state once the editor has moved on). */
  getPicture: () => CanvasPicture;
  /**
   * Renders and stores a thumbnail of `picture`; resolves with the canvas's new `thumbnail`
   * (null: cleared, for an empty canvas) or undefined when nothing could be rendered.
   */
  store: (picture: CanvasPicture) => Promise<string | null | undefined>;
  onStored?: (thumbnail: string | null) => void;
  /** Whether the thumbnail the canvas had when opened must be replaced even without an edit. */
  outdated?: boolean;
  /** How long edits must settle before a new picture is taken. */
  delayMs?: number;
}

export const THUMBNAIL_DELAY_MS = 2000;

/**
 * Whether a canvas's stored thumbnail must be redone even if nothing is edited: a canvas with
 * nodes and no picture, an empty canvas that still has one, a canvas whose first image (a kept
 * file or a remote URL) is not its picture yet, or (on desktop, where thumbnails are assets) an
 * old inline picture.
 */
export function thumbnailOutdated(
  canvas: { nodes: readonly unknown[]; thumbnail?: string },
  desktop: boolean,
): boolean {
  if (canvas.nodes.length === 0) return Boolean(canvas.thumbnail);
  if (!canvas.thumbnail) return true;
  const image = firstCanvasImage(
    canvas.nodes.filter((n): n is PictureNode => typeof n === 'object' && n !== null),
  );
  if (image && !image.startsWith('data:')) return canvas.thumbnail !== image;
  return desktop && !canvas.thumbnail.startsWith(ASSET_REF_PREFIX);
}

/**
 * Keeps one canvas's dashboard thumbnail fresh: a new picture once saves have settled for a
 * while, and one when the editor is left, each only when the graph changed since the last one.
 * One capture runs at a time; failures are harmless (the old thumbnail stays).
 */
export class ThumbnailCapture {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last: CanvasPicture | null;
  private running: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: ThumbnailCaptureOptions) {
    this.last = options.outdated ? null : options.getPicture();
  }

  /** A save landed: take a picture once things have been quiet for the delay. */
  edited(): void {
    if (this.disposed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.captureNow();
    }, this.options.delayMs ?? THUMBNAIL_DELAY_MS);
  }

  /** Takes a picture now if the graph changed since the last one (e.g. when leaving the editor). */
  captureNow(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.running.then(() => this.captureIfChanged());
    return this.running;
  }

  /** Stops the timer; a capture already asked for still completes. */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async captureIfChanged(): Promise<void> {
    const picture = this.options.getPicture();
    if (this.last && sameStoredGraph(this.last, picture)) return;
    try {
      const thumbnail = await this.options.store(picture);
      if (thumbnail === undefined) return;
      this.last = picture;
      this.options.onStored?.(thumbnail);
    } catch {
      // A stale thumbnail is harmless; the next edit tries again.
    }
  }
}
