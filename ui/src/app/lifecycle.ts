import { flushAll } from './flush-registry';
import { showToast } from '../components/toast-store';
import { isTypingTarget } from '../editor/shortcuts';

/**
 * Saves pending edits before the app goes away. Desktop: Tauri waits for the async close
 * handler; if the save fails the first close is cancelled so the person can retry. Browser:
 * unload handlers cannot wait, but the localStorage backend writes synchronously inside the
 * first microtasks, so starting the flush is enough.
 */
export async function installLifecycle(desktop: boolean): Promise<void> {
  if (desktop) {
    // A desktop app has no "Reload / Inspect" menu; text fields keep theirs for copy and paste.
    document.addEventListener('contextmenu', (event) => {
      if (!event.defaultPrevented && !isTypingTarget(event.target)) event.preventDefault();
    });
    const { getCurrentWindow } = await import('@tauri-apps/api/window');
    let failedOnce = false;
    await getCurrentWindow().onCloseRequested(async (event) => {
      try {
        await flushAll();
      } catch {
        if (failedOnce) return; // the second attempt closes anyway
        failedOnce = true;
        event.preventDefault();
        showToast({
          message: 'Some changes could not be saved. Close again to discard them.',
          tone: 'error',
          durationMs: 8000,
        });
      }
    });
    return;
  }
  window.addEventListener('beforeunload', () => {
    void flushAll().catch(() => {});
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAll().catch(() => {});
  });
}
