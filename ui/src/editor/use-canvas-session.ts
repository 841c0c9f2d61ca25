import { useEffect, useRef, useState } from 'react';
import { registerFlush } from '../app/flush-registry';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { showToast } from '../components/toast-store';
import { useLibrary } from '../dashboard/library-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { AutosaveQueue, type SaveStatus } from './autosave';
import { runFinishedIn, withOutputHistory } from '../canvas/output-history';
import { reloadNotice } from './reload-notice';
import { useEditor } from './editor-store';
import { storeCanvasThumbnail } from '../thumbnails/canvas-image';
import { ThumbnailCapture, thumbnailOutdated, type CanvasPicture } from '../thumbnails/thumbnail-capture';
import { behindPreview, canvasBehindPreview, dropPreview } from './versions/version-preview';

export type SessionPhase =
  { phase: 'loading' } | { phase: 'ready' } | { phase: 'missing' } | { phase: 'error'; message: string };

function currentSnapshot() {
  // While a version is shown for a look, the canvas is the one put aside, never the version.
  const s = canvasBehindPreview() ?? useEditor.getState();
  return { name: s.name, nodes: s.nodes, edges: s.edges, viewport: s.viewport };
}

/**
 * Opens a canvas: loads it into the editor store, wires every persistable change to an
 * autosave queue, listens for changes made elsewhere, and keeps the dashboard thumbnail fresh.
 */
export function useCanvasSession(provider: StorageProvider, canvasId: string) {
  const [phase, setPhase] = useState<SessionPhase>({ phase: 'loading' });
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved' });
  const queueRef = useRef<AutosaveQueue | null>(null);
  /** A restore is being shown: its reload needs no "updated elsewhere" notice. */
  const quietRef = useRef(false);

  useEffect(() => {
    let cancelled = false;
    let cleanup: (() => void) | null = null;
    setPhase({ phase: 'loading' });

    /** The card picture: the canvas's first image, else its painted layout (an asset on desktop). */
    const storeThumbnail = (picture: CanvasPicture): Promise<string | null | undefined> =>
      storeCanvasThumbnail(provider, canvasId, picture);

    const start = (canvas: StoredCanvas) => {
      // Once the editor moves on, this queue must only ever see this canvas's last state, never
      // the next canvas loaded into the shared store.
      let frozen: ReturnType<typeof currentSnapshot> | null = null;
      dropPreview();
      // Loaded first, so the queue's "last saved" shares the editor's node objects: the first
      // save then compares by identity instead of deeply, node by node.
      useEditor.getState().load(canvas);
      const queue = new AutosaveQueue({
        provider,
        canvasId,
        initial: canvas,
        baseline: currentSnapshot(),
        getCurrent: () => frozen ?? currentSnapshot(),
        onStatus: (next) => frozen === null && setStatus(next),
        onReload: (stored, reason, graph, keptEdits) => {
          if (frozen) return;
          // A version on screen (Versions panel) stays there; the canvas behind it is updated.
          behindPreview(() => {
            const editor = useEditor.getState();
            // A run's new outputs replace a generator's old ones: those stay in its output history,
            // which is then saved like an edit.
            const nodes = editor.readOnly ? graph.nodes : withOutputHistory(editor.nodes, graph.nodes);
            // A finished run shows on its node; that reload needs no notice.
            const quiet =
              quietRef.current || (reason === 'external' && runFinishedIn(editor.nodes, graph.nodes));
            editor.replaceFromStorage(stored, nodes === graph.nodes ? graph : { ...graph, nodes });
            if (nodes !== graph.nodes) queue.schedule('structure');
            const message = quiet ? null : reloadNotice(reason, keptEdits);
            if (message) showToast({ message });
          });
        },
        onSaved: () => thumbnails.edited(),
      });
      const thumbnails = new ThumbnailCapture({
        getPicture: () => frozen ?? currentSnapshot(),
        store: storeThumbnail,
        // The dashboard may already be showing this card.
        onStored: (thumbnail) =>
          useLibrary.getState().patchCanvas(canvasId, { thumbnail: thumbnail ?? undefined }),
        outdated: thumbnailOutdated(canvas, provider.isDesktop),
      });
      queueRef.current = queue;
      useEditor.setState({ onPersist: (kind) => queue.schedule(kind), saveNow: () => queue.flush() });
      const unregister = registerFlush(() => queue.flush());
      const unsubscribe = provider.onChange((event) => {
        if (event.canvasId !== canvasId) return;
        if (event.kind === 'purged' || event.kind === 'trashed') {
          showToast({
            message:
              event.kind === 'purged'
                ? 'This canvas was deleted elsewhere'
                : 'This canvas was moved to the trash elsewhere',
            tone: 'error',
            durationMs: 6000,
          });
          return;
        }
        queue.handleExternalChange(event).catch(() => {
          /* the status shows the failure */
        });
      });
      cleanup = () => {
        frozen = currentSnapshot();
        unsubscribe();
        unregister();
        thumbnails.dispose();
        useEditor.setState({ onPersist: () => {}, saveNow: () => Promise.resolve() });
        // Leaving the editor saves what is pending, then refreshes the card picture.
        queue
          .flush()
          .then(() => thumbnails.captureNow())
          .catch(() => {})
          .finally(() => queue.dispose());
        queueRef.current = null;
      };
      setStatus({ state: 'saved' });
      setPhase({ phase: 'ready' });
    };

    provider.getCanvas(canvasId).then(
      (canvas) => {
        if (cancelled) return;
        if (!canvas) setPhase({ phase: 'missing' });
        else start(canvas);
      },
      (raw) => !cancelled && setPhase({ phase: 'error', message: describeError(toErrorPayload(raw)) }),
    );

    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [provider, canvasId]);

  return {
    ...phase,
    status,
    flush: () => queueRef.current?.flush() ?? Promise.resolve(),
    retry: () => void queueRef.current?.retry().catch(() => {}),
    /**
     * Runs a write made outside the editor that returns the canvas's new revision (a restore),
     * then shows what storage holds, without the "updated elsewhere" notice.
     */
    reloadAfter: async (write: () => Promise<number>) => {
      quietRef.current = true;
      try {
        const revision = await write();
        await queueRef.current?.handleExternalChange({
          seq: 0,
          kind: 'saved',
          canvasId,
          revision,
          at: Date.now(),
        });
      } finally {
        quietRef.current = false;
      }
    },
  };
}
