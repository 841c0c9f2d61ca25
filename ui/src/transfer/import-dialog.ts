import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';

/**
 * Import through the desktop app's native Open dialog. The chosen files are imported by the app
 * and come back as `koda://opened-files`, shown like double-clicked files; here only a failure to
 * open the dialog is told.
 */
export async function importWithDialog(open: () => Promise<number>): Promise<void> {
  try {
    await open();
  } catch (raw) {
    showToast({
      message: `Import failed: ${describeError(toErrorPayload(raw))}`,
      tone: 'error',
      durationMs: 7000,
    });
  }
}
