import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import type { ErrorPayload } from '../bindings/ErrorPayload';
import type { UploadStatus } from '../bindings/UploadStatus';
import { relativeTime } from '../dashboard/relative-time';
import { describeError } from '../storage/errors';
import { providerInfo, type AssetStorageForm } from './asset-storage-form';

/**
 * Whose words an error is put in: the form's field labels (Settings), or the environment
 * variables the app's messages name (`S3_BUCKET`…), which are right when they set the bucket.
 */
export type Naming = 'form' | 'environment';

/** The upload side at a glance, for the status dot: as cloud sync's, so the two look alike. */
export type UploadState = 'off' | 'synced' | 'uploading' | 'offline' | 'error';

const FIELD_LABELS: Record<string, string> = {
  S3_ENDPOINT: 'the endpoint',
  S3_BUCKET: 'the bucket name',
  S3_ACCESS_KEY: 'the access key ID',
  S3_SECRET_KEY: 'the secret access key',
  S3_REGION: 'the region',
};

const PREFIXES = new RegExp(
  '^(configuration error|the database server cannot be reached|the database server refused the login|' +
    'the sync server cannot be reached|the sync server refused the request|file error|database error):\\s*',
  'i',
);

const sentence = (text: string) => (text ? text[0].toUpperCase() + text.slice(1) : '');

/** Replaces every occurrence of `secret` (the key typed in the form, if any) with `***`. */
export function hideSecret(text: string, secret?: string): string {
  const key = secret?.trim();
  return key ? text.split(key).join('***') : text;
}

/** Puts the app's variable names in the form's words: `S3_BUCKET="a b" is not a bucket name` → `The bucket name "a b" is not allowed`. */
function inFormWords(text: string): string {
  return text
    .replace(
      /\b(s3|r2|supabase) storage needs S3_ENDPOINT to be set/i,
      (_, provider: string) => `${providerInfo(provider.toLowerCase()).label} needs an endpoint`,
    )
    .replace(/\bS3_BUCKET=("(?:[^"\\]|\\.)*") is not a bucket name/, 'the bucket name $1 is not allowed')
    .replace(/\b(S3_[A-Z_]+)=/g, (name: string, variable: string) =>
      FIELD_LABELS[variable] ? `${FIELD_LABELS[variable]} ` : name,
    )
    .replace(/\bS3_[A-Z_]+\b/g, (variable) => FIELD_LABELS[variable] ?? variable);
}

/** The app's message without its category prefix, the secret hidden, in `naming`'s words, as a sentence. */
export function errorDetail(message: string, naming: Naming = 'form', secret?: string): string {
  let text = hideSecret(message.trim(), secret).replace(PREFIXES, '');
  if (naming === 'form') text = inFormWords(text);
  return sentence(text.trim());
}

/** What a failed Test connection or Save means, for a person. */
export function describeAssetStorageError(
  error: ErrorPayload,
  naming: Naming = 'form',
  secret?: string,
): string {
  const more = errorDetail(error.message ?? '', naming, secret);
  const keys =
    naming === 'form' ? 'the access key ID and the secret access key' : 'S3_ACCESS_KEY and S3_SECRET_KEY';
  switch (error.code) {
    case 'unreachable':
    case 'offline':
      return `Can’t reach the bucket — check the endpoint and this computer’s connection.${more ? ` (${more})` : ''}`;
    case 'access_denied':
      return `The bucket refused these keys — check ${keys}, and that they may use this bucket.`;
    case 'config':
      return more || 'Check the bucket settings.';
    case 'remote':
      return `The bucket answered with an error: ${more || 'no details'}`;
    case 'disk_full':
    case 'busy':
      return describeError(error);
    default:
      return more || 'Something went wrong';
  }
}

/** For a `config` error, the form field it names (to mark it), else null. */
export function errorField(error: ErrorPayload): keyof AssetStorageForm | null {
  if (error.code !== 'config') return null;
  const text = error.message ?? '';
  if (/key prefix/i.test(text)) return 'prefix';
  if (/secret access key|S3_SECRET_KEY=/i.test(text)) return 'secretKey';
  if (/S3_ENDPOINT=|needs S3_ENDPOINT/.test(text)) return 'endpoint';
  if (/S3_BUCKET=|bucket '.*' was not found|bucket does not exist/.test(text)) return 'bucket';
  if (/S3_REGION=/.test(text)) return 'region';
  if (/S3_ACCESS_KEY=/.test(text)) return 'accessKey';
  return null;
}

export function isOffline(error: ErrorPayload | undefined): boolean {
  return error?.code === 'unreachable' || error?.code === 'offline';
}

export function uploadState(status: Pick<AssetStorageStatus, 'enabled' | 'uploads'>): UploadState {
  if (!status.enabled) return 'off';
  const { lastError, pending, lastRunAt } = status.uploads;
  if (lastError) return isOffline(lastError) ? 'offline' : 'error';
  if (pending > 0 || lastRunAt === 0) return 'uploading';
  return 'synced';
}

const count = (n: number) => Number(n).toLocaleString('en-US');

/** `12 uploaded · 3 waiting · last run 2 min ago`. */
export function uploadLine(uploads: UploadStatus, now: number = Date.now()): string {
  const last =
    uploads.lastRunAt > 0 ? `last run ${relativeTime(uploads.lastRunAt, now)}` : 'first run starting';
  return `${count(uploads.uploaded)} uploaded · ${count(uploads.pending)} waiting · ${last}`;
}

/** Why the last upload pass failed, in words; offline is not an alarm, it resumes on its own. */
export function uploadErrorText(error: ErrorPayload, naming: Naming = 'form'): string {
  if (isOffline(error)) return 'Offline — uploads resume when the bucket is reachable';
  const keys = naming === 'form' ? 'check the keys and save again' : 'check S3_ACCESS_KEY and S3_SECRET_KEY';
  const more = errorDetail(error.message ?? '', naming);
  switch (error.code) {
    case 'access_denied':
      return `Uploads paused: the bucket refused the keys — ${keys}`;
    case 'config':
      return `Uploads paused: ${more || 'check the bucket settings'}`;
    case 'disk_full':
    case 'busy':
      return `Uploads paused: ${describeError(error)}`;
    default:
      return `Some uploads failed and will be retried${more ? ` (${more})` : ''}`;
  }
}

/** The whole status in one line (a tooltip, or a reader that wants it all). */
export function uploadStatusLine(status: AssetStorageStatus, now: number = Date.now()): string {
  if (!status.enabled) return 'Off — asset files stay on this computer only';
  const error = status.uploads.lastError;
  const line = uploadLine(status.uploads, now);
  return error
    ? `${uploadErrorText(error, status.fromEnvironment ? 'environment' : 'form')} · ${line}`
    : line;
}
