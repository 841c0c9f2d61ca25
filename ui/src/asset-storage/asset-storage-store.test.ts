import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssetStorageInput } from '../bindings/AssetStorageInput';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import type { UploadStatus } from '../bindings/UploadStatus';
import type { AssetStorageBackend } from './asset-storage-client';
import { useAssetStorage } from './asset-storage-store';

const off: AssetStorageStatus = {
  enabled: false,
  fromEnvironment: false,
  uploads: { uploaded: 0, pending: 0, lastRunAt: 0 },
};
const input: AssetStorageInput = {
  provider: 'r2',
  bucket: 'art',
  endpoint: 'https://acct.r2.cloudflarestorage.com',
  accessKey: 'AK1',
  secretKey: 'wJalr-secret',
};

function fakeBackend(first: AssetStorageStatus = off) {
  let push: (uploads: UploadStatus) => void = () => {};
  let status = first;
  const backend: AssetStorageBackend & { push: (u: UploadStatus) => void } = {
    status: vi.fn(async () => status),
    test: vi.fn(async (settings: AssetStorageInput) => {
      if (settings.secretKey === 'wrong')
        throw { code: 'access_denied', message: 'the database server refused the login: refused the keys' };
    }),
    save: vi.fn(async (settings: AssetStorageInput | null) => {
      const { secretKey: _secret, ...shown } = settings ?? { secretKey: '' };
      status = settings
        ? { ...status, ...shown, enabled: true, region: 'auto', prefix: 'koda/' }
        : { ...off, uploads: status.uploads };
      return status;
    }),
    uploadNow: vi.fn(async () => ({ uploaded: 5, pending: 0, lastRunAt: 1000 })),
    onUploads: vi.fn((callback: (uploads: UploadStatus) => void) => {
      push = callback;
      return () => (push = () => {});
    }),
    push: (u) => push(u),
  };
  return backend;
}

afterEach(() => useAssetStorage.setState({ backend: null, status: null, statusError: null }));

describe('asset storage store', () => {
  it('reads the status when started and forgets it when stopped', async () => {
    const backend = fakeBackend();
    const stop = useAssetStorage.getState().start(backend);
    await vi.waitFor(() => expect(useAssetStorage.getState().status).toEqual(off));
    stop();
    expect(useAssetStorage.getState().status).toBeNull();
    // Passes reported after stopping change nothing.
    backend.push({ uploaded: 1, pending: 0, lastRunAt: 1 });
    expect(useAssetStorage.getState().status).toBeNull();
  });

  it('keeps why the status could not be read', async () => {
    const backend = fakeBackend();
    vi.mocked(backend.status).mockRejectedValueOnce({
      code: 'config',
      message: 'configuration error: ASSET_STORAGE="gcs" is not known; use local, s3, r2 or supabase',
    });
    useAssetStorage.getState().start(backend);
    await vi.waitFor(() =>
      expect(useAssetStorage.getState().statusError).toBe(
        'ASSET_STORAGE="gcs" is not known; use local, s3, r2 or supabase',
      ),
    );
    await useAssetStorage.getState().refresh();
    expect(useAssetStorage.getState().statusError).toBeNull();
  });

  it('follows the uploads event, keeping the bucket', async () => {
    const backend = fakeBackend({ ...off, enabled: true, bucket: 'art' });
    useAssetStorage.getState().start(backend);
    await vi.waitFor(() => expect(useAssetStorage.getState().status?.bucket).toBe('art'));
    const offline = {
      uploaded: 2,
      pending: 7,
      lastRunAt: 500,
      lastError: { code: 'unreachable', message: 'connection refused' },
    };
    backend.push(offline);
    expect(useAssetStorage.getState().status).toMatchObject({ bucket: 'art', uploads: offline });
    backend.push({ uploaded: 9, pending: 0, lastRunAt: 900 });
    expect(useAssetStorage.getState().status?.uploads).toEqual({ uploaded: 9, pending: 0, lastRunAt: 900 });
  });

  it('tests, turns on, uploads now and turns off through the app', async () => {
    const backend = fakeBackend();
    useAssetStorage.getState().start(backend);
    await expect(useAssetStorage.getState().test(input)).resolves.toBeUndefined();
    expect(backend.test).toHaveBeenCalledWith(input);
    await expect(useAssetStorage.getState().test({ ...input, secretKey: 'wrong' })).rejects.toMatchObject({
      code: 'access_denied',
    });

    const saved = await useAssetStorage.getState().save(input);
    expect(saved).toMatchObject({ enabled: true, bucket: 'art' });
    expect(useAssetStorage.getState().status).toBe(saved);
    // The status never carries the secret.
    expect(JSON.stringify(useAssetStorage.getState())).not.toContain('wJalr-secret');

    await expect(useAssetStorage.getState().uploadNow()).resolves.toEqual({
      uploaded: 5,
      pending: 0,
      lastRunAt: 1000,
    });
    expect(useAssetStorage.getState().status?.uploads.uploaded).toBe(5);

    await useAssetStorage.getState().save(null);
    expect(backend.save).toHaveBeenLastCalledWith(null);
    expect(useAssetStorage.getState().status?.enabled).toBe(false);
  });

  it('passes refusals on as {code, message}', async () => {
    const backend = fakeBackend();
    vi.mocked(backend.save).mockRejectedValueOnce({
      code: 'config',
      message:
        'configuration error: asset storage is set by environment variables (ASSET_STORAGE, S3_*); change them instead',
    });
    useAssetStorage.getState().start(backend);
    await vi.waitFor(() => expect(useAssetStorage.getState().status).toEqual(off));
    await expect(useAssetStorage.getState().save(null)).rejects.toMatchObject({ code: 'config' });
    expect(useAssetStorage.getState().status).toEqual(off);
    vi.mocked(backend.uploadNow).mockRejectedValueOnce('asset storage is off');
    await expect(useAssetStorage.getState().uploadNow()).rejects.toEqual({
      code: 'unknown',
      message: 'asset storage is off',
    });
  });

  it('refuses to act without the desktop app', async () => {
    await expect(useAssetStorage.getState().test(input)).rejects.toMatchObject({ code: 'config' });
    await expect(useAssetStorage.getState().save(null)).rejects.toMatchObject({ code: 'config' });
    await expect(useAssetStorage.getState().uploadNow()).rejects.toMatchObject({ code: 'config' });
  });
});
