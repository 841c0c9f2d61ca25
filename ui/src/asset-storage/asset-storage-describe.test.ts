import { describe, expect, it } from 'vitest';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import {
  describeAssetStorageError,
  errorDetail,
  errorField,
  hideSecret,
  uploadErrorText,
  uploadLine,
  uploadState,
  uploadStatusLine,
} from './asset-storage-describe';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const on: AssetStorageStatus = {
  enabled: true,
  fromEnvironment: false,
  provider: 'r2',
  bucket: 'art',
  region: 'auto',
  endpoint: 'https://acct.r2.cloudflarestorage.com',
  accessKey: 'AKIDEXAMPLE',
  prefix: 'koda/',
  uploads: { uploaded: 12, pending: 3, lastRunAt: NOW - 3 * 60_000 },
};

// Messages as the app sends them (StoreError's Display, category first).
const unreachable = {
  code: 'unreachable',
  message:
    "the database server cannot be reached: bucket 'art' at https://acct.r2.cloudflarestorage.com: connection refused",
};
const denied = {
  code: 'access_denied',
  message:
    "the database server refused the login: bucket 'art' at https://acct.r2.cloudflarestorage.com refused " +
    'the keys (check S3_ACCESS_KEY and S3_SECRET_KEY, and that they may use this bucket): SignatureDoesNotMatch',
};

describe('asset storage wording', () => {
  it('explains a failed test or save by code', () => {
    expect(describeAssetStorageError(unreachable)).toBe(
      'Can’t reach the bucket — check the endpoint and this computer’s connection. ' +
        "(Bucket 'art' at https://acct.r2.cloudflarestorage.com: connection refused)",
    );
    expect(describeAssetStorageError(denied)).toBe(
      'The bucket refused these keys — check the access key ID and the secret access key, and that they may use this bucket.',
    );
    expect(describeAssetStorageError(denied, 'environment')).toContain(
      'check S3_ACCESS_KEY and S3_SECRET_KEY',
    );
    expect(
      describeAssetStorageError({
        code: 'remote',
        message: "the sync server refused the request: bucket 'art', the bucket check: 500 Internal Error",
      }),
    ).toBe("The bucket answered with an error: Bucket 'art', the bucket check: 500 Internal Error");
    expect(describeAssetStorageError({ code: 'disk_full', message: 'x' })).toBe(
      'The disk is full — nothing was written.',
    );
    expect(describeAssetStorageError({ code: 'config', message: '' })).toBe('Check the bucket settings.');
  });

  it('names the field a config error is about, in the form’s words', () => {
    const cases: [string, string, string | null][] = [
      [
        'configuration error: S3_ENDPOINT="ftp://x" is not an http:// or https:// URL',
        'The endpoint "ftp://x" is not an http:// or https:// URL',
        'endpoint',
      ],
      [
        'configuration error: r2 storage needs S3_ENDPOINT to be set',
        'Cloudflare R2 needs an endpoint',
        'endpoint',
      ],
      [
        'configuration error: supabase storage needs S3_ENDPOINT to be set',
        'Supabase Storage needs an endpoint',
        'endpoint',
      ],
      [
        "configuration error: S3_BUCKET=\"My Art\" is not a bucket name (letters, digits, '.', '_' and '-')",
        "The bucket name \"My Art\" is not allowed (letters, digits, '.', '_' and '-')",
        'bucket',
      ],
      [
        "configuration error: bucket 'art' was not found at AWS S3 (us-east-1) (check S3_BUCKET and S3_ENDPOINT)",
        "Bucket 'art' was not found at AWS S3 (us-east-1) (check the bucket name and the endpoint)",
        'bucket',
      ],
      ['configuration error: enter the secret access key', 'Enter the secret access key', 'secretKey'],
      [
        'configuration error: the key prefix "a//b" is not a plain folder path',
        'The key prefix "a//b" is not a plain folder path',
        'prefix',
      ],
      [
        "configuration error: storage provider 'gcs' is not known; use s3, r2 or supabase",
        "Storage provider 'gcs' is not known; use s3, r2 or supabase",
        null,
      ],
    ];
    for (const [message, words, field] of cases) {
      expect(describeAssetStorageError({ code: 'config', message })).toBe(words);
      expect(errorField({ code: 'config', message })).toBe(field);
    }
    // With environment variables the app's names are the right ones.
    expect(
      errorDetail('configuration error: ASSET_STORAGE=r2 needs S3_BUCKET to be set', 'environment'),
    ).toBe('ASSET_STORAGE=r2 needs S3_BUCKET to be set');
    expect(errorField(denied)).toBeNull();
    expect(errorField(unreachable)).toBeNull();
  });

  it('never repeats the typed secret', () => {
    expect(hideSecret('S3_ENDPOINT="wJalr-secret" is not a URL', ' wJalr-secret ')).toBe(
      'S3_ENDPOINT="***" is not a URL',
    );
    expect(hideSecret('nothing here', '')).toBe('nothing here');
    expect(
      describeAssetStorageError(
        {
          code: 'config',
          message: 'configuration error: S3_ENDPOINT="wJalr-secret" is not an http:// or https:// URL',
        },
        'form',
        'wJalr-secret',
      ),
    ).toBe('The endpoint "***" is not an http:// or https:// URL');
  });

  it('sums up uploads with the last run', () => {
    expect(uploadLine(on.uploads, NOW)).toBe('12 uploaded · 3 waiting · last run 3 min ago');
    expect(uploadLine({ uploaded: 1234, pending: 0, lastRunAt: 0 }, NOW)).toBe(
      '1,234 uploaded · 0 waiting · first run starting',
    );
    expect(uploadStatusLine({ ...on, enabled: false }, NOW)).toBe(
      'Off — asset files stay on this computer only',
    );
    expect(uploadStatusLine({ ...on, uploads: { ...on.uploads, lastError: unreachable } }, NOW)).toBe(
      'Offline — uploads resume when the bucket is reachable · 12 uploaded · 3 waiting · last run 3 min ago',
    );
  });

  it('is calm about being offline and clear about the rest', () => {
    expect(uploadErrorText(unreachable)).toBe('Offline — uploads resume when the bucket is reachable');
    expect(uploadErrorText({ code: 'offline', message: 'x' })).toBe(
      'Offline — uploads resume when the bucket is reachable',
    );
    expect(uploadErrorText(denied)).toBe(
      'Uploads paused: the bucket refused the keys — check the keys and save again',
    );
    expect(uploadErrorText(denied, 'environment')).toBe(
      'Uploads paused: the bucket refused the keys — check S3_ACCESS_KEY and S3_SECRET_KEY',
    );
    expect(
      uploadErrorText({
        code: 'config',
        message:
          "configuration error: bucket 'art' was not found at https://x (check S3_BUCKET and S3_ENDPOINT)",
      }),
    ).toBe(
      "Uploads paused: Bucket 'art' was not found at https://x (check the bucket name and the endpoint)",
    );
    expect(
      uploadErrorText({ code: 'remote', message: 'the sync server refused the request: 503 Slow Down' }),
    ).toBe('Some uploads failed and will be retried (503 Slow Down)');
  });

  it('gives the status dot a state', () => {
    expect(uploadState({ ...on, enabled: false })).toBe('off');
    expect(uploadState(on)).toBe('uploading');
    expect(uploadState({ ...on, uploads: { uploaded: 4, pending: 0, lastRunAt: NOW } })).toBe('synced');
    expect(uploadState({ ...on, uploads: { uploaded: 0, pending: 0, lastRunAt: 0 } })).toBe('uploading');
    expect(uploadState({ ...on, uploads: { ...on.uploads, lastError: unreachable } })).toBe('offline');
    expect(uploadState({ ...on, uploads: { ...on.uploads, lastError: denied } })).toBe('error');
  });
});
