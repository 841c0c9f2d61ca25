import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { navigate, parseRoute } from '../app/router';
import type { OpenedFiles } from '../bindings/OpenedFiles';
import { showToast } from '../components/toast-store';
import { useLibrary } from '../dashboard/library-store';
import { showCurrentIfLoaded } from '../editor/versions/preview-exit';
import { toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { planOpenedFiles } from './opened-files';

/** Event the desktop app emits after importing files it was asked to open. */
export const OPENED_FILES_EVENT = 'koda://opened-files';

/** Files the desktop app was asked to open: imported there, kept until the page takes them. */
export interface OpenedFilesBackend {
  /** Every batch imported since the last call (`take_opened_files`), oldest first. */
  take(): Promise<OpenedFiles[]>;
  /** `koda://opened-files`; resolves with the unsubscribe function once listening. */
  onOpened(callback: (files: OpenedFiles) => void): Promise<() => void>;
}

export function tauriOpenedFilesBackend(): OpenedFilesBackend {
  return {
    take: async () => {
      try {
        return await invoke<OpenedFiles[]>('take_opened_files');
      } catch (error) {
        throw toErrorPayload(error);
      }
    },
    onOpened: (callback) => listen<OpenedFiles>(OPENED_FILES_EVENT, (event) => callback(event.payload)),
  };
}

/**
 * Hands every batch of opened files to `handle`, exactly once. The app keeps each batch until it
 * is taken and also announces it, so: listen first, then take what came before (files given at
 * launch are imported before the page listens); each announcement is a cue to take again, so a
 * batch taken at start and announced too is not shown twice, and nothing stays behind to come
 * back after a reload. Only if taking fails is the announced batch itself used. Returns a stop
 * function.
 */
export function watchOpenedFiles(
  backend: OpenedFilesBackend,
  handle: (batches: OpenedFiles[]) => void,
): () => void {
  let stopped = false;
  let stop: (() => void) | null = null;
  let queue = Promise.resolve();
  const drain = (announced?: OpenedFiles) => {
    queue = queue.then(async () => {
      let batches: OpenedFiles[];
      try {
        batches = await backend.take();
      } catch (raw) {
        console.error('could not take the opened files', toErrorPayload(raw));
        batches = announced ? [announced] : [];
      }
      // Taken is taken: shown even if the page stopped watching meanwhile.
      if (batches.length > 0) handle(batches);
    });
  };
  backend
    .onOpened((files) => drain(files))
    .then((unlisten) => {
      if (stopped) unlisten();
      else {
        stop = unlisten;
        drain();
      }
    })
    .catch((error) => {
      console.error('could not listen for opened files', error);
      if (!stopped) drain();
    });
  return () => {
    stopped = true;
    stop?.();
  };
}

/**
 * What the window does with opened files: one canvas and no failure opens it (as its card
 * does); anything else shows the canvases, refreshed, with a summary and each failure.
 */
export function showOpenedFiles(batches: OpenedFiles[], provider: StorageProvider): void {
  const plan = planOpenedFiles(batches);
  if (plan.kind === 'nothing') return;
  if (plan.kind === 'open') {
    // A version shown for a look gives way, as when a search hit opens a canvas.
    showCurrentIfLoaded();
    navigate({ screen: 'canvas', id: plan.canvasId });
    return;
  }
  if (parseRoute(window.location.hash).screen !== 'canvases') navigate({ screen: 'canvases' });
  void useLibrary.getState().refresh(provider);
  for (const notice of plan.notices) showToast(notice);
}
