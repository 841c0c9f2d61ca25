import { describe, expect, it } from 'vitest';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import {
  EMPTY_FORM,
  formChanged,
  formFromStatus,
  PROVIDERS,
  providerInfo,
  savedKey,
  toAssetStorageInput,
  type AssetStorageForm,
} from './asset-storage-form';

const uploads = { uploaded: 0, pending: 0, lastRunAt: 0 };
const off: AssetStorageStatus = { enabled: false, fromEnvironment: false, uploads };
const on: AssetStorageStatus = {
  enabled: true,
  fromEnvironment: false,
  provider: 'supabase',
  bucket: 'media',
  region: 'eu-west-2',
  endpoint: 'https://abc.supabase.co/storage/v1/s3',
  accessKey: 'AK1',
  prefix: 'koda/',
  uploads,
};
const typed: AssetStorageForm = {
  provider: 'r2',
  bucket: ' art ',
  region: '',
  endpoint: ' https://acct.r2.cloudflarestorage.com ',
  accessKey: ' AKIDEXAMPLE ',
  secretKey: ' wJalr-secret ',
  prefix: '',
};

describe('asset storage form', () => {
  it('maps what was typed to AssetStorageInput, trimmed, leaving empty optional fields to the app', () => {
    expect(toAssetStorageInput(typed)).toEqual({
      provider: 'r2',
      bucket: 'art',
      endpoint: 'https://acct.r2.cloudflarestorage.com',
      accessKey: 'AKIDEXAMPLE',
      secretKey: 'wJalr-secret',
    });
    expect(toAssetStorageInput({ ...typed, region: 'weur', prefix: 'studio/' })).toMatchObject({
      region: 'weur',
      prefix: 'studio/',
    });
  });

  it('omits an empty secret, which keeps the saved one', () => {
    const input = toAssetStorageInput({ ...typed, secretKey: '   ' });
    expect('secretKey' in input).toBe(false);
    expect('region' in input && 'prefix' in input).toBe(false);
    // Amazon S3 without an endpoint sends none.
    expect('endpoint' in toAssetStorageInput({ ...typed, provider: 's3', endpoint: '' })).toBe(false);
  });

  it('fills the form from the saved bucket, the secret always empty', () => {
    expect(formFromStatus(off)).toEqual(EMPTY_FORM);
    expect(formFromStatus(on)).toEqual({
      provider: 'supabase',
      bucket: 'media',
      region: 'eu-west-2',
      endpoint: 'https://abc.supabase.co/storage/v1/s3',
      accessKey: 'AK1',
      secretKey: '',
      prefix: 'koda/',
    });
    expect(formFromStatus({ ...on, provider: 'gcs', endpoint: undefined }).provider).toBe('s3');
  });

  it('knows when the form differs from what is saved', () => {
    const saved = formFromStatus(on);
    expect(formChanged(saved, on)).toBe(false);
    expect(formChanged({ ...saved, bucket: ' media ', prefix: '/koda' }, on)).toBe(false);
    expect(formChanged({ ...saved, prefix: '' }, on)).toBe(false);
    expect(formChanged({ ...saved, bucket: 'media2' }, on)).toBe(true);
    expect(formChanged({ ...saved, provider: 's3' }, on)).toBe(true);
    expect(formChanged({ ...saved, secretKey: 'new' }, on)).toBe(true);
    expect(formChanged(EMPTY_FORM, off)).toBe(true);
  });

  it('keys the saved bucket, not its uploads', () => {
    expect(savedKey(off)).toBe('');
    expect(savedKey(null)).toBe('');
    expect(savedKey({ ...on, uploads: { uploaded: 9, pending: 1, lastRunAt: 5 } })).toBe(savedKey(on));
    expect(savedKey({ ...on, bucket: 'other' })).not.toBe(savedKey(on));
  });

  it('adapts hints to the provider', () => {
    expect(PROVIDERS.map((p) => p.label)).toEqual(['Amazon S3', 'Cloudflare R2', 'Supabase Storage']);
    expect(providerInfo('r2')).toMatchObject({
      needsEndpoint: true,
      endpointPlaceholder: 'https://<account>.r2.cloudflarestorage.com',
      regionPlaceholder: 'auto',
    });
    expect(providerInfo('supabase')).toMatchObject({
      needsEndpoint: true,
      endpointPlaceholder: 'https://<project>.supabase.co/storage/v1/s3',
      regionPlaceholder: 'us-east-1',
    });
    expect(providerInfo('s3')).toMatchObject({ needsEndpoint: false, regionPlaceholder: 'us-east-1' });
  });
});
