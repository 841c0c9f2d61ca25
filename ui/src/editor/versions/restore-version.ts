/**
 * Restore from the Versions panel: put the canvas back, save what is pending, ask the backend to
 * restore (it keeps what it replaces as a version), show what storage holds now, and say so.
 */
import type { VersionInfo } from '../../bindings/VersionInfo';
import { showToast } from '../../components/toast-store';
import { useGeneration } from '../../generation/generation-store';
import { describeError, toErrorPayload } from '../../storage/errors';
import type { StorageProvider } from '../../storage/types';
import { versionMoment } from './version-describe';
import { showCurrent } from './version-preview';

/** What a restore needs of the open canvas's session (use-canvas-session). */
export interface RestoreSession {
  flush: () => Promise<void>;
  reloadAfter: (write: () => Promise<number>) => Promise<void>;
}

export interface RestoreRequest {
  provider: Pick<StorageProvider, 'restoreVersion'>;
  session: RestoreSession;
  canvasId: string;
  version: VersionInfo;
  /** One node only (with its edges to nodes that exist now); the whole canvas when absent. */
  node?: { id: string; label: string };
}

/** Resolves true once restored (a toast says what happened either way). */
export async function restoreFromVersion({ provider, session, canvasId, version, node }: RestoreRequest) {
  showCurrent();
  const when = versionMoment(version.at);
  try {
    await session.flush();
    await session.reloadAfter(() => provider.restoreVersion(canvasId, version.id, node?.id));
  } catch (raw) {
    const error = toErrorPayload(raw);
    showToast({
      message:
        error.code === 'not_found'
          ? node
            ? `“${node.label}” is not in that version.`
            : 'That version no longer exists.'
          : `Not restored: ${describeError(error)}`,
      tone: 'error',
      durationMs: 6000,
    });
    return false;
  }
  if (node) useGeneration.getState().requestFocus(canvasId, node.id);
  showToast({
    message: node ? `Restored “${node.label}” as it was ${when}` : `Restored the version from ${when}`,
    tone: 'success',
  });
  return true;
}
