import { useApp } from '../app/app-store';
import { useNow } from '../dashboard/use-now';
import { uploadState, uploadStatusLine, type UploadState } from './asset-storage-describe';
import { useAssetStorage } from './asset-storage-store';

const LABELS: Record<Exclude<UploadState, 'off'>, string> = {
  synced: 'Media uploaded',
  uploading: 'Uploading media…',
  offline: 'Media offline',
  error: 'Upload error',
};

/** Upload states drawn with cloud sync's dots (uploading pulses like syncing). */
const DOT: Record<Exclude<UploadState, 'off'>, string> = {
  synced: 'synced',
  uploading: 'syncing',
  offline: 'offline',
  error: 'error',
};

/**
 * The asset bucket's uploads as a small badge beside the sync badge; a click opens Settings →
 * Asset storage. Nothing while asset storage is off (and so nothing in the browser); with
 * `problemsOnly` (the editor's top bar) only while uploads are offline or failing.
 */
export function AssetStorageBadge({ problemsOnly = false }: { problemsOnly?: boolean }) {
  const status = useAssetStorage((s) => s.status);
  const now = useNow(30_000);
  if (!status?.enabled) return null;
  const state = uploadState(status);
  if (state === 'off' || (problemsOnly && state !== 'offline' && state !== 'error')) return null;
  return (
    <button
      type="button"
      className={`sync-badge sync-badge--${DOT[state]}`}
      data-testid="asset-storage-badge"
      data-state={state}
      title={uploadStatusLine(status, now)}
      onClick={() => useApp.getState().openSettings('asset-storage')}
    >
      <span className={`sync-dot sync-dot--${DOT[state]}`} aria-hidden="true" />
      {LABELS[state]}
    </button>
  );
}
