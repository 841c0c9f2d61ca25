import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AssetStorageInput } from '../bindings/AssetStorageInput';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import type { UploadStatus } from '../bindings/UploadStatus';
import type { AssetStorageBackend } from '../asset-storage/asset-storage-client';
import { useAssetStorage } from '../asset-storage/asset-storage-store';
import { useToasts } from '../components/toast-store';
import { AssetStorageSection } from './AssetStorageSection';

const SECRET = 'wJalrXUtnFEMI-very-secret';
const ENDPOINT = 'https://acct.r2.cloudflarestorage.com';
const off: AssetStorageStatus = {
  enabled: false,
  fromEnvironment: false,
  uploads: { uploaded: 0, pending: 0, lastRunAt: 0 },
};
const on: AssetStorageStatus = {
  enabled: true,
  fromEnvironment: false,
  provider: 'r2',
  bucket: 'art',
  region: 'auto',
  endpoint: ENDPOINT,
  accessKey: 'AKIDEXAMPLE',
  prefix: 'koda/',
  uploads: { uploaded: 12, pending: 3, lastRunAt: Date.now() - 120_000 },
};

function setup(first: AssetStorageStatus) {
  let push: (uploads: UploadStatus) => void = () => {};
  let current = first;
  const backend: AssetStorageBackend = {
    status: vi.fn(async () => current),
    test: vi.fn(async () => {}),
    save: vi.fn(async (settings: AssetStorageInput | null) => {
      if (!settings) current = { ...off, uploads: current.uploads };
      else {
        const { secretKey: _secret, ...shown } = settings;
        current = {
          ...current,
          ...shown,
          enabled: true,
          region: shown.region ?? 'auto',
          prefix: shown.prefix ?? 'koda/',
          uploads: { uploaded: 0, pending: 0, lastRunAt: 0 },
        };
      }
      return current;
    }),
    uploadNow: vi.fn(async () => ({
      ...current.uploads,
      uploaded: current.uploads.uploaded + current.uploads.pending,
      pending: 0,
      lastRunAt: Date.now(),
    })),
    onUploads: (callback) => {
      push = callback;
      return () => {};
    },
  };
  useAssetStorage.getState().start(backend);
  return { backend, push: (u: UploadStatus) => act(() => push(u)) };
}

const input = (id: string) => screen.getByTestId(id) as HTMLInputElement;
const button = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
const type = (id: string, value: string) => fireEvent.change(input(id), { target: { value } });

afterEach(() => {
  cleanup();
  useAssetStorage.setState({ backend: null, status: null, statusError: null });
  useToasts.setState({ toasts: [] });
});

describe('Settings → Asset storage', () => {
  it('adapts the endpoint and region hints to the provider', async () => {
    setup(off);
    render(<AssetStorageSection />);
    await screen.findByText('Off — asset files stay on this computer only');
    expect(screen.getByTestId('asset-storage-provider-s3').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText('Endpoint (optional)')).toBeTruthy();
    expect(input('asset-storage-region').placeholder).toBe('us-east-1');
    fireEvent.click(screen.getByTestId('asset-storage-provider-r2'));
    expect(screen.getByText('Endpoint')).toBeTruthy();
    expect(input('asset-storage-endpoint').placeholder).toBe('https://<account>.r2.cloudflarestorage.com');
    expect(input('asset-storage-region').placeholder).toBe('auto');
    // Arrow keys move the choice, as in native radios.
    fireEvent.keyDown(screen.getByTestId('asset-storage-provider-r2'), { key: 'ArrowRight' });
    expect(screen.getByTestId('asset-storage-provider-supabase').getAttribute('aria-checked')).toBe('true');
    expect(input('asset-storage-endpoint').placeholder).toBe('https://<project>.supabase.co/storage/v1/s3');
    expect(input('asset-storage-region').placeholder).toBe('us-east-1');
    expect(input('asset-storage-prefix').placeholder).toBe('koda/');
  });

  it('tests, explains failures, turns on and forgets the secret; the status follows the uploads event', async () => {
    const { backend, push } = setup(off);
    const { container } = render(<AssetStorageSection />);
    await screen.findByText('Off — asset files stay on this computer only');
    expect(screen.queryByTestId('asset-storage-upload-now')).toBeNull();
    expect(screen.queryByTestId('asset-storage-turn-off')).toBeNull();
    expect(button('asset-storage-save').textContent).toBe('Turn on');
    expect(button('asset-storage-test').disabled).toBe(true);
    expect(screen.getByTestId('asset-storage-hint').textContent).toBe(
      'Still needed: Bucket, Access key ID, Secret access key.',
    );

    fireEvent.click(screen.getByTestId('asset-storage-provider-r2'));
    type('asset-storage-bucket', 'art');
    type('asset-storage-access-key', 'AKIDEXAMPLE');
    type('asset-storage-secret', SECRET);
    expect(screen.getByTestId('asset-storage-hint').textContent).toBe('Still needed: Endpoint.');
    type('asset-storage-endpoint', ENDPOINT);
    expect(screen.queryByTestId('asset-storage-hint')).toBeNull();

    // A refused key, then a bucket that does not exist (the field is marked).
    vi.mocked(backend.test).mockRejectedValueOnce({
      code: 'access_denied',
      message: 'the database server refused the login: refused the keys',
    });
    fireEvent.click(button('asset-storage-test'));
    await waitFor(() =>
      expect(screen.getByTestId('asset-storage-test-result').getAttribute('data-ok')).toBe('false'),
    );
    expect(screen.getByTestId('asset-storage-test-result').textContent).toContain(
      'The bucket refused these keys',
    );
    vi.mocked(backend.test).mockRejectedValueOnce({
      code: 'config',
      message:
        "configuration error: bucket 'art' was not found at https://acct.r2.cloudflarestorage.com (check S3_BUCKET and S3_ENDPOINT)",
    });
    fireEvent.keyDown(input('asset-storage-bucket'), { key: 'Enter' });
    await waitFor(() =>
      expect(screen.getByTestId('asset-storage-test-result').textContent).toContain('was not found'),
    );
    expect(input('asset-storage-bucket').getAttribute('aria-invalid')).toBe('true');
    expect(input('asset-storage-bucket').getAttribute('aria-describedby')).toBe('asset-storage-test-result');
    // Editing clears the old answer and the mark.
    type('asset-storage-bucket', 'art-assets');
    expect(screen.queryByTestId('asset-storage-test-result')).toBeNull();
    expect(input('asset-storage-bucket').getAttribute('aria-invalid')).toBeNull();

    fireEvent.click(button('asset-storage-test'));
    await waitFor(() =>
      expect(screen.getByTestId('asset-storage-test-result').getAttribute('data-ok')).toBe('true'),
    );
    expect(screen.getByTestId('asset-storage-test-result').textContent).toContain('Connection works');
    const sent = {
      provider: 'r2',
      bucket: 'art-assets',
      endpoint: ENDPOINT,
      accessKey: 'AKIDEXAMPLE',
      secretKey: SECRET,
    };
    expect(backend.test).toHaveBeenLastCalledWith(sent);

    fireEvent.click(button('asset-storage-save'));
    await waitFor(() => expect(button('asset-storage-save').textContent).toBe('Save'));
    expect(backend.save).toHaveBeenCalledWith(sent);
    expect(input('asset-storage-secret').value).toBe('');
    expect(input('asset-storage-secret').placeholder).toBe('Saved — leave empty to keep it');
    expect(screen.getByText('Leave empty to keep the saved key.')).toBeTruthy();
    expect(input('asset-storage-region').value).toBe('auto');
    expect(container.innerHTML).not.toContain(SECRET);
    expect(useToasts.getState().toasts.at(-1)?.message).toBe(
      'Asset storage is on — files upload to “art-assets” in the background',
    );
    expect(screen.getByTestId('asset-storage-status').textContent).toBe(
      '0 uploaded · 0 waiting · first run starting',
    );
    expect(screen.getByTestId('asset-storage-status').getAttribute('data-state')).toBe('uploading');

    push({
      uploaded: 3,
      pending: 1,
      lastRunAt: Date.now(),
      lastError: { code: 'unreachable', message: 'connection refused' },
    });
    expect(screen.getByTestId('asset-storage-status').textContent).toBe(
      '3 uploaded · 1 waiting · last run just now',
    );
    expect(screen.getByTestId('asset-storage-status').getAttribute('data-state')).toBe('offline');
    expect(screen.getByTestId('asset-storage-upload-error').textContent).toBe(
      'Offline — uploads resume when the bucket is reachable',
    );
    push({ uploaded: 4, pending: 0, lastRunAt: Date.now() });
    expect(screen.getByTestId('asset-storage-status').getAttribute('data-state')).toBe('synced');
    expect(screen.queryByTestId('asset-storage-upload-error')).toBeNull();
  });

  it('edits an enabled bucket keeping the saved secret, uploads now, and turns off after asking', async () => {
    const { backend } = setup(on);
    render(<AssetStorageSection />);
    await waitFor(() => expect(input('asset-storage-bucket').value).toBe('art'));
    expect(screen.getByTestId('asset-storage-provider-r2').getAttribute('aria-checked')).toBe('true');
    expect(input('asset-storage-endpoint').value).toBe(ENDPOINT);
    expect(input('asset-storage-secret').value).toBe('');
    expect(screen.getByTestId('asset-storage-status').textContent).toBe(
      '12 uploaded · 3 waiting · last run 2 min ago',
    );
    // Nothing changed yet: Save waits, Test may run with the saved secret.
    expect(button('asset-storage-save').disabled).toBe(true);
    expect(button('asset-storage-test').disabled).toBe(false);
    type('asset-storage-prefix', 'studio/');
    fireEvent.click(button('asset-storage-save'));
    await waitFor(() => expect(backend.save).toHaveBeenCalled());
    expect(backend.save).toHaveBeenCalledWith({
      provider: 'r2',
      bucket: 'art',
      region: 'auto',
      endpoint: ENDPOINT,
      accessKey: 'AKIDEXAMPLE',
      prefix: 'studio/',
    });
    await waitFor(() => expect(input('asset-storage-prefix').value).toBe('studio/'));

    fireEvent.click(button('asset-storage-upload-now'));
    expect(backend.uploadNow).toHaveBeenCalled();
    await waitFor(() => expect(button('asset-storage-upload-now').textContent).toBe('Upload now'));

    fireEvent.click(button('asset-storage-turn-off'));
    fireEvent.click(await screen.findByTestId('confirm-cancel'));
    expect(backend.save).toHaveBeenCalledTimes(1);
    fireEvent.click(button('asset-storage-turn-off'));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain(
      'Files already uploaded stay in the bucket',
    );
    fireEvent.click(screen.getByTestId('confirm-ok'));
    await waitFor(() => expect(backend.save).toHaveBeenLastCalledWith(null));
    await screen.findByText('Off — asset files stay on this computer only');
    expect(button('asset-storage-save').textContent).toBe('Turn on');
    // The bucket stays typed in, to turn it back on; the secret has to be typed again.
    expect(input('asset-storage-bucket').value).toBe('art');
    expect(screen.getByTestId('asset-storage-hint').textContent).toBe('Still needed: Secret access key.');
    expect(screen.queryByTestId('asset-storage-turn-off')).toBeNull();
  });

  it('says why turning on failed, without the secret', async () => {
    const { backend } = setup(off);
    render(<AssetStorageSection />);
    await screen.findByText('Off — asset files stay on this computer only');
    type('asset-storage-bucket', 'art');
    type('asset-storage-access-key', 'AK');
    type('asset-storage-secret', SECRET);
    type('asset-storage-endpoint', 'ftp://files');
    vi.mocked(backend.save).mockRejectedValueOnce({
      code: 'config',
      message: 'configuration error: S3_ENDPOINT="ftp://files" is not an http:// or https:// URL',
    });
    fireEvent.click(button('asset-storage-save'));
    const error = await screen.findByTestId('asset-storage-error');
    expect(error.textContent).toBe(
      'Couldn’t turn on: The endpoint "ftp://files" is not an http:// or https:// URL',
    );
    expect(input('asset-storage-endpoint').getAttribute('aria-invalid')).toBe('true');
    // The typed secret stays in its field to fix and retry.
    expect(input('asset-storage-secret').value).toBe(SECRET);
  });

  it('hides the secret until asked', async () => {
    setup(off);
    render(<AssetStorageSection />);
    const field = (await screen.findByTestId('asset-storage-secret')) as HTMLInputElement;
    expect(field.type).toBe('password');
    fireEvent.click(button('asset-storage-secret-toggle'));
    expect(field.type).toBe('text');
    expect(button('asset-storage-secret-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(button('asset-storage-secret-toggle').getAttribute('aria-label')).toBe('Hide secret key');
  });

  it('shows a bucket set by environment variables read-only, still uploading', async () => {
    const { backend } = setup({
      ...on,
      fromEnvironment: true,
      uploads: { ...on.uploads, lastError: { code: 'access_denied', message: 'refused the keys' } },
    });
    const { container } = render(<AssetStorageSection />);
    expect((await screen.findByTestId('asset-storage-env-bucket')).textContent).toBe('art');
    expect(screen.getByTestId('asset-storage-env-provider').textContent).toBe('Cloudflare R2');
    expect(screen.getByTestId('asset-storage-env-endpoint').textContent).toBe(ENDPOINT);
    expect(screen.getByTestId('asset-storage-env-access-key').textContent).toBe('AKIDEXAMPLE');
    expect(screen.getByTestId('asset-storage-env-note').textContent).toContain('ASSET_STORAGE, S3_*');
    expect(screen.getByTestId('asset-storage-upload-error').textContent).toBe(
      'Uploads paused: the bucket refused the keys — check S3_ACCESS_KEY and S3_SECRET_KEY',
    );
    expect(container.querySelector('input')).toBeNull();
    expect(screen.queryByTestId('asset-storage-save')).toBeNull();
    expect(screen.queryByTestId('asset-storage-turn-off')).toBeNull();
    fireEvent.click(button('asset-storage-upload-now'));
    expect(backend.uploadNow).toHaveBeenCalled();
  });

  it('says when the environment keeps files local', async () => {
    setup({ ...off, fromEnvironment: true });
    const { container } = render(<AssetStorageSection />);
    expect((await screen.findByTestId('asset-storage-env-note')).textContent).toContain(
      'keep asset files on this computer only',
    );
    expect(container.querySelector('input')).toBeNull();
    expect(screen.getByTestId('asset-storage-status').getAttribute('data-state')).toBe('off');
  });
});
