import { create } from 'zustand';
import type { AssetStorageInput } from '../bindings/AssetStorageInput';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { UploadStatus } from '../bindings/UploadStatus';
import { toErrorPayload } from '../storage/errors';
import type { AssetStorageBackend } from './asset-storage-client';
import { describeAssetStorageError } from './asset-storage-describe';

interface AssetStorageStoreState {
  backend: AssetStorageBackend | null;
  /** Null until the desktop app answered (and always in the browser). Never holds the secret. */
  status: AssetStorageStatus | null;
  statusError: string | null;
  /** Connects to the app: reads the status and follows upload passes. Returns a stop function. */
  start: (backend: AssetStorageBackend) => () => void;
  refresh: () => Promise<void>;
  /** Rejects `{code, message}`. */
  test: (settings: AssetStorageInput) => Promise<void>;
  /** Tests, saves and starts uploading (`null`: turns it off); the new status replaces the old. Rejects `{code, message}`. */
  save: (settings: AssetStorageInput | null) => Promise<AssetStorageStatus>;
  /** Rejects `{code, message}`; a failed pass is not a rejection but the answer's `lastError`. */
  uploadNow: () => Promise<UploadStatus>;
}

const desktopOnly: ErrorPayload = {
  code: 'config',
  message: 'Asset storage is only available in the desktop app.',
};

/** The asset bucket and its uploads, for Settings; upload passes reported by the app keep it live. */
export const useAssetStorage = create<AssetStorageStoreState>((set, get) => {
  const backendOf = (): AssetStorageBackend => {
    const backend = get().backend;
    if (!backend) throw desktopOnly;
    return backend;
  };

  const setUploads = (uploads: UploadStatus) => {
    const status = get().status;
    if (status) set({ status: { ...status, uploads } });
  };

  return {
    backend: null,
    status: null,
    statusError: null,
    start: (backend) => {
      set({ backend, status: null, statusError: null });
      const stop = backend.onUploads((uploads) => {
        if (get().backend === backend) setUploads(uploads);
      });
      void get().refresh();
      return () => {
        stop();
        set({ backend: null, status: null, statusError: null });
      };
    },
    refresh: async () => {
      const backend = get().backend;
      if (!backend) return;
      try {
        const status = await backend.status();
        if (get().backend === backend) set({ status, statusError: null });
      } catch (raw) {
        // Only a bad environment (ASSET_STORAGE, S3_*) or an unreadable saved bucket gets here: named as the app names them.
        if (get().backend === backend)
          set({ statusError: describeAssetStorageError(toErrorPayload(raw), 'environment') });
      }
    },
    test: async (settings) => {
      try {
        await backendOf().test(settings);
      } catch (raw) {
        throw toErrorPayload(raw);
      }
    },
    save: async (settings) => {
      try {
        const status = await backendOf().save(settings);
        set({ status, statusError: null });
        return status;
      } catch (raw) {
        throw toErrorPayload(raw);
      }
    },
    uploadNow: async () => {
      try {
        const uploads = await backendOf().uploadNow();
        setUploads(uploads);
        return uploads;
      } catch (raw) {
        throw toErrorPayload(raw);
      }
    },
  };
});
