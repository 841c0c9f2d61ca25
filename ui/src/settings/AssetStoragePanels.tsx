import type { AssetStorageStatus } from '../bindings/AssetStorageStatus';
import { providerInfo } from '../asset-storage/asset-storage-form';
import { Icon } from '../components/Icon';
import { useNow } from '../dashboard/use-now';
import {
  isOffline,
  uploadErrorText,
  uploadLine,
  uploadState,
  type UploadState,
} from '../asset-storage/asset-storage-describe';
import { Row } from './SettingsLayout';

/** The status dot borrows cloud sync's look: uploading pulses like syncing. */
const DOT: Record<UploadState, string> = {
  off: 'off',
  synced: 'synced',
  uploading: 'syncing',
  offline: 'offline',
  error: 'error',
};

/** The upload side: off, or how many files went up and wait, when the last pass ran, why it failed; and Upload now. */
export function AssetUploadStatus({
  status,
  canUpload,
  uploading,
  onUploadNow,
}: {
  status: AssetStorageStatus | null;
  canUpload: boolean;
  uploading: boolean;
  onUploadNow: () => void;
}) {
  const now = useNow(15_000);
  const state = status ? uploadState(status) : 'off';
  const error = status?.enabled ? status.uploads.lastError : undefined;
  return (
    <Row label="Uploads" hint={status?.enabled ? 'Counted since Koda started.' : undefined}>
      <div className="asset-status">
        <span className="sync-status" data-testid="asset-storage-status" data-state={status ? state : ''}>
          <span className={`sync-dot sync-dot--${DOT[state]}`} aria-hidden="true" />
          {!status
            ? '…'
            : status.enabled
              ? uploadLine(status.uploads, now)
              : 'Off — asset files stay on this computer only'}
        </span>
        {error && (
          <span
            className={`asset-status__error asset-status__error--${isOffline(error) ? 'offline' : 'error'}`}
            data-testid="asset-storage-upload-error"
            data-code={error.code}
            role="status"
          >
            <Icon name={isOffline(error) ? 'cloudOff' : 'alert'} size={13} strokeWidth={2.2} />
            {uploadErrorText(error, status?.fromEnvironment ? 'environment' : 'form')}
          </span>
        )}
      </div>
      {status?.enabled && (
        <button
          type="button"
          className="btn btn--secondary btn--sm"
          data-testid="asset-storage-upload-now"
          disabled={!canUpload}
          onClick={onUploadNow}
        >
          <Icon name="upload" size={14} />
          {uploading ? 'Uploading…' : 'Upload now'}
        </button>
      )}
    </Row>
  );
}

/** The bucket set by environment variables: shown, not changeable. */
export function AssetStorageEnvironment({ status }: { status: AssetStorageStatus }) {
  const facts: [string, string | undefined, string][] = [
    ['Bucket', status.bucket, 'asset-storage-env-bucket'],
    ['Endpoint', status.endpoint, 'asset-storage-env-endpoint'],
    ['Region', status.region, 'asset-storage-env-region'],
    ['Access key ID', status.accessKey, 'asset-storage-env-access-key'],
    ['Folder prefix', status.prefix, 'asset-storage-env-prefix'],
  ];
  return (
    <>
      {status.enabled && (
        <Row label="Provider">
          <span className="settings-value" data-testid="asset-storage-env-provider">
            {providerInfo(status.provider).label}
          </span>
        </Row>
      )}
      {facts
        .filter(([, value]) => value)
        .map(([label, value, testId]) => (
          <Row key={label} label={label}>
            <code className="settings-path asset-value" data-testid={testId} title={value}>
              {value}
            </code>
          </Row>
        ))}
      <div className="settings-note" data-testid="asset-storage-env-note">
        <Icon name="alert" size={14} />
        {status.enabled
          ? 'Environment variables (ASSET_STORAGE, S3_*) set this bucket when Koda started, so it can’t be ' +
            'changed here. Change them and restart Koda to switch.'
          : 'Environment variables (ASSET_STORAGE, S3_*) keep asset files on this computer only, so a bucket ' +
            'can’t be chosen here. Change them and restart Koda to use one.'}
      </div>
    </>
  );
}
