import { listen } from '@tauri-apps/api/event';
import { showToast } from '../components/toast-store';
import { UNTIL_DISMISSED } from './recovery-notice';

/** Event the desktop app emits when something inside it panicked (the panic is in the log file). */
export const PANIC_EVENT = 'koda://panic';

type Listen = (event: string, handler: (event: { payload: string }) => void) => Promise<() => void>;

/**
 * Follows `koda://panic` with a toast that stays until dismissed and offers the logs folder: a
 * command that panicked never answers, so without it the person would wait for nothing.
 */
export function watchPanics(openLogsFolder: () => Promise<void>, listenTo: Listen = listen): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  listenTo(PANIC_EVENT, (event) => {
    showToast({
      message: typeof event.payload === 'string' ? event.payload : 'Something went wrong inside Koda.',
      tone: 'error',
      durationMs: UNTIL_DISMISSED,
      action: {
        label: 'Open logs folder',
        testId: 'panic-open-logs',
        onClick: () => void openLogsFolder().catch((e) => console.error('could not open the logs folder', e)),
      },
    });
  })
    .then((unlisten) => {
      if (cancelled) unlisten();
      else stop = unlisten;
    })
    .catch((error) => console.error('could not listen for panics', error));
  return () => {
    cancelled = true;
    stop?.();
  };
}
