import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { exportCanvas, type ExportChoice, type ExportTarget } from './export-canvas';

/** Exports from a menu: "Saved to <path>" (or "Downloaded …") when done, the reason when not, nothing when cancelled. */
export async function runExport(
  provider: StorageProvider,
  target: ExportTarget,
  choice: ExportChoice,
  before?: () => Promise<void>,
): Promise<void> {
  try {
    await before?.();
    const { message } = await exportCanvas(provider, target, choice);
    // A cancelled Save dialog is the person's answer, not news.
    if (message !== null) showToast({ message, tone: 'success', durationMs: 6000 });
  } catch (raw) {
    showToast({
      message: `Export failed: ${describeError(toErrorPayload(raw))}`,
      tone: 'error',
      durationMs: 7000,
    });
  }
}
