import { useAssetStorage } from '../asset-storage/asset-storage-store';
import { Icon } from '../components/Icon';
import { backendLabel } from '../database/database-describe';
import type { StorageInfo, StorageProvider } from '../storage/types';
import { formatBytes } from './format-bytes';
import { LogsFolderRow } from './LogsFolderRow';
import { openFolder } from './open-folder';
import { Row, Section } from './SettingsLayout';

function storageDescription(desktop: boolean, onPostgres: boolean, bucket: boolean): string {
  if (!desktop) return 'This browser keeps your canvases. Export them to keep a copy.';
  if (onPostgres)
    return bucket
      ? 'Canvases are kept on a team PostgreSQL server; media files on this computer, mirrored to your bucket.'
      : 'Canvases are kept on a team PostgreSQL server; media files stay on this computer.';
  return bucket
    ? 'Everything is kept on this computer, in one SQLite database; media files are mirrored to your bucket.'
    : 'Everything is kept on this computer, in one SQLite database.';
}

/**
 * Settings → Storage: which store holds the data, the data and logs folders (desktop, with
 * buttons that open them), how much room it takes and the schema version.
 */
export function StorageSection({
  provider,
  info,
  infoError,
  onPostgres,
}: {
  provider: StorageProvider;
  info: StorageInfo | null;
  infoError: string | null;
  onPostgres: boolean;
}) {
  const bucket = useAssetStorage((s) => s.status?.enabled === true);
  return (
    <Section description={storageDescription(provider.isDesktop, onPostgres, bucket)}>
      {infoError && (
        <p className="settings-error" role="alert" data-testid="storage-error">
          {infoError}
        </p>
      )}
      <Row label="Backend">
        <span className="settings-value" data-testid="storage-backend">
          {info
            ? info.backend === 'localStorage'
              ? 'Browser · localStorage'
              : backendLabel(info.backend)
            : '…'}
        </span>
      </Row>
      {info?.backend === 'postgres' && (
        <Row label="Server">
          <code
            className="settings-path database-url-shown"
            data-testid="storage-server"
            title={info.databasePath}
          >
            {info.databasePath}
          </code>
        </Row>
      )}
      {provider.isDesktop && (
        <Row label="Data folder" hint={onPostgres ? 'Media files and backups stay here.' : undefined}>
          <span className="settings-path" data-testid="data-dir" title={info?.dataDir}>
            {/* Isolated: the path keeps its slashes in place inside the right-to-left box that cuts its start. */}
            <bdi>{info?.dataDir ?? '…'}</bdi>
          </span>
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            data-testid="open-data-folder"
            onClick={() => openFolder(() => provider.openDataFolder?.())}
          >
            <Icon name="folder" size={14} />
            Open folder
          </button>
        </Row>
      )}
      {provider.openLogsFolder && <LogsFolderRow provider={provider} info={info} />}
      <Row
        label={provider.isDesktop ? 'Database size' : 'Space used'}
        hint={info?.backend === 'postgres' ? 'Koda’s share of the server.' : undefined}
      >
        <span className="settings-value" data-testid="storage-size">
          {info ? formatBytes(info.databaseBytes) : '…'}
        </span>
      </Row>
      <Row label="Schema version">
        <span className="settings-value" data-testid="schema-version">
          {info?.schemaVersion ?? '…'}
        </span>
      </Row>
      {!provider.isDesktop && (
        <div className="settings-note" data-testid="storage-desktop-note">
          <Icon name="monitor" size={14} />
          The Koda desktop app keeps canvases in a file on your computer, and adds a team database, asset
          storage, cloud sync and backups.
        </div>
      )}
    </Section>
  );
}
