import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';

/** Opens a folder in the file manager (desktop); a failure is said in a toast. */
export function openFolder(open: () => Promise<void> | undefined): void {
  open()?.catch((raw) =>
    showToast({
      message: `Could not open the folder: ${describeError(toErrorPayload(raw))}`,
      tone: 'error',
    }),
  );
}
