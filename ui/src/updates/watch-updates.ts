import type { UpdateStatus } from '../bindings/UpdateStatus';
import { showToast } from '../components/toast-store';
import type { UpdatesBackend } from './updates-client';
import { useUpdates } from './updates-store';

/** Long enough to notice after looking away; the card in Settings keeps saying it anyway. */
export const UPDATE_TOAST_MS = 15_000;

/** The toast for an update the check at start found; its button shows the card in Settings. */
export function announceUpdate(status: UpdateStatus, openUpdates: () => void): void {
  if (status.state !== 'available') return;
  showToast({
    message: `Koda ${status.version} is available`,
    durationMs: UPDATE_TOAST_MS,
    action: { label: 'What’s new', testId: 'update-toast-open', onClick: openUpdates },
  });
}

/**
 * Desktop: reads where updating stands and follows `koda://update`, announcing a found update
 * with a toast whose button calls `openUpdates` (Settings → General). Returns a stop function.
 */
export function watchUpdates(backend: UpdatesBackend, openUpdates: () => void): () => void {
  return useUpdates.getState().start(backend, (status) => announceUpdate(status, openUpdates));
}
