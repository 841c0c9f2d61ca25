import { invoke } from '@tauri-apps/api/core';
import { followEvent } from '../app/follow-event';
import type { AssetStorageInput } from '../bindings/AssetStorageInput';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import type { UploadStatus } from '../bindings/UploadStatus';
import { toErrorPayload } from '../storage/errors';

/** Event the desktop app emits after each background upload pass, carrying an `UploadStatus`. */
export const ASSET_UPLOADS_EVENT = 'koda://asset-uploads';

/**
 * Settings → Asset storage as the desktop app offers it. The secret key goes in (only when typed)
 * and never comes back: the status names the bucket and the access key id, nothing more.
 */
export interface AssetStorageBackend {
  status(): Promise<AssetStorageStatus>;
  /** Asks the bucket to answer with these keys, saving nothing. Rejects `{code, message}` (unreachable, access_denied, config). */
  test(settings: AssetStorageInput): Promise<void>;
  /** Tests, then saves and starts uploading; `null` turns it off (uploaded files stay in the bucket, local files are kept). */
  save(settings: AssetStorageInput | null): Promise<AssetStorageStatus>;
  /** Uploads what is missing from the bucket now; a failed pass is in the answer's `lastError`. */
  uploadNow(): Promise<UploadStatus>;
  /** Upload passes reported by the app. Returns an unsubscribe function. */
  onUploads(callback: (uploads: UploadStatus) => void): () => void;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    // The arguments (which may hold the secret key) are never part of what is thrown or logged.
    throw toErrorPayload(error);
  }
}

/** The desktop app's commands: `asset_storage_status`, `asset_storage_test`, `asset_storage_save`, `asset_storage_upload_now`. */
export function tauriAssetStorageBackend(): AssetStorageBackend {
  return {
    status: () => call<AssetStorageStatus>('asset_storage_status'),
    test: async (settings) => {
      await call<null>('asset_storage_test', { settings });
    },
    save: (settings) => call<AssetStorageStatus>('asset_storage_save', { settings }),
    uploadNow: () => call<UploadStatus>('asset_storage_upload_now'),
    onUploads: (callback) => followEvent<UploadStatus>(ASSET_UPLOADS_EVENT, callback),
  };
}
