import type { AssetStorageInput } from '../bindings/AssetStorageInput';
import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';

export type ProviderId = 's3' | 'r2' | 'supabase';

/** What the form needs to know about each kind of bucket. */
export interface ProviderInfo {
  id: ProviderId;
  label: string;
  /** R2 and Supabase are reached through their own endpoint; for S3 it is optional. */
  needsEndpoint: boolean;
  endpointPlaceholder: string;
  endpointHint: string;
  regionPlaceholder: string;
  regionHint: string;
  keysHint: string;
}

export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: 's3',
    label: 'Amazon S3',
    needsEndpoint: false,
    endpointPlaceholder: 'https://s3.example.com',
    endpointHint: 'Only for other S3-compatible servers; empty for Amazon S3.',
    regionPlaceholder: 'us-east-1',
    regionHint: 'The bucket’s AWS region.',
    keysHint: 'An IAM user’s access key id.',
  },
  {
    id: 'r2',
    label: 'Cloudflare R2',
    needsEndpoint: true,
    endpointPlaceholder: 'https://<account>.r2.cloudflarestorage.com',
    endpointHint: 'The S3 API URL in the bucket’s settings.',
    regionPlaceholder: 'auto',
    regionHint: '“auto” suits R2.',
    keysHint: 'From an R2 API token.',
  },
  {
    id: 'supabase',
    label: 'Supabase Storage',
    needsEndpoint: true,
    endpointPlaceholder: 'https://<project>.supabase.co/storage/v1/s3',
    endpointHint: 'Project settings → Storage → S3 connection.',
    regionPlaceholder: 'us-east-1',
    regionHint: 'The project’s region, shown beside the endpoint.',
    keysHint: 'An S3 access key from the same page.',
  },
];

export const DEFAULT_PREFIX = 'koda/';

/** The provider as the form knows it; anything unknown reads as S3. */
export function providerInfo(id: string | undefined): ProviderInfo {
  return PROVIDERS.find((p) => p.id === id) ?? PROVIDERS[0];
}

/** The bucket as typed. The secret is only ever held here, never in the store or the status. */
export interface AssetStorageForm {
  provider: ProviderId;
  bucket: string;
  region: string;
  endpoint: string;
  accessKey: string;
  secretKey: string;
  prefix: string;
}

export const EMPTY_FORM: AssetStorageForm = {
  provider: 's3',
  bucket: '',
  region: '',
  endpoint: '',
  accessKey: '',
  secretKey: '',
  prefix: '',
};

/** The saved bucket, to edit (the secret field starts empty: leaving it so keeps the saved key). */
export function formFromStatus(status: AssetStorageStatus): AssetStorageForm {
  if (!status.enabled) return EMPTY_FORM;
  return {
    provider: providerInfo(status.provider).id,
    bucket: status.bucket ?? '',
    region: status.region ?? '',
    endpoint: status.endpoint ?? '',
    accessKey: status.accessKey ?? '',
    secretKey: '',
    prefix: status.prefix ?? '',
  };
}

/** Which saved bucket a form was filled from: when this changes, the form is filled again. */
export function savedKey(status: AssetStorageStatus | null): string {
  if (!status?.enabled) return '';
  return JSON.stringify([
    status.provider,
    status.bucket,
    status.region,
    status.endpoint,
    status.accessKey,
    status.prefix,
  ]);
}

const trimmed = (value: string) => value.trim() || undefined;

/**
 * What the app is sent: values trimmed, empty optional fields left out (the app's defaults
 * apply: region by provider, prefix `koda/`), and no `secretKey` when none was typed, which keeps
 * the saved one.
 */
export function toAssetStorageInput(form: AssetStorageForm): AssetStorageInput {
  const input: AssetStorageInput = {
    provider: form.provider,
    bucket: form.bucket.trim(),
    accessKey: form.accessKey.trim(),
  };
  const region = trimmed(form.region);
  const endpoint = trimmed(form.endpoint);
  const secretKey = trimmed(form.secretKey);
  const prefix = trimmed(form.prefix);
  if (region) input.region = region;
  if (endpoint) input.endpoint = endpoint;
  if (secretKey) input.secretKey = secretKey;
  if (prefix) input.prefix = prefix;
  return input;
}

/** Whether the form differs from the saved bucket (a typed secret always counts). */
export function formChanged(form: AssetStorageForm, status: AssetStorageStatus | null): boolean {
  if (!status?.enabled) return true;
  if (form.secretKey.trim() !== '') return true;
  const saved = formFromStatus(status);
  const prefix = (value: string) => value.trim().replace(/^\/+|\/+$/g, '') || DEFAULT_PREFIX.slice(0, -1);
  return (
    form.provider !== saved.provider ||
    form.bucket.trim() !== saved.bucket ||
    form.region.trim() !== saved.region ||
    form.endpoint.trim() !== saved.endpoint ||
    form.accessKey.trim() !== saved.accessKey ||
    prefix(form.prefix) !== prefix(saved.prefix)
  );
}
