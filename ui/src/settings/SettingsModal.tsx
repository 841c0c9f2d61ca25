import { useEffect, useState } from 'react';
import { useApp } from '../app/app-store';
import { hashSettingsSection } from '../app/router';
import { useAssetStorage } from '../asset-storage/asset-storage-store';
import type { Theme } from '../bindings/Theme';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { SegmentedControl } from '../components/SegmentedControl';
import { Switch } from '../components/Switch';
import { showToast } from '../components/toast-store';
import { backendLabel } from '../database/database-describe';
import { useOnPostgres } from '../database/database-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageInfo, StorageProvider } from '../storage/types';
import { formatBytes } from './format-bytes';
import { AiProvidersSection } from './AiProvidersSection';
import { AssetStorageSection } from './AssetStorageSection';
import { BackupList } from './BackupList';
import { CloudSyncSection } from './CloudSyncSection';
import { DatabaseSection } from './DatabaseSection';
import { NumberField } from './NumberField';
import { Row, Section } from './SettingsLayout';

/** A text field that saves on blur or Enter. */
function TextField({
  id,
  value,
  placeholder,
  type = 'text',
  onCommit,
  testId,
}: {
  id: string;
  value: string;
  placeholder?: string;
  type?: string;
  onCommit: (v: string) => void;
  testId?: string;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft.trim() !== value && onCommit(draft.trim());
  return (
    <input
      id={id}
      className="input input--wide"
      type={type}
      value={draft}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

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

export function SettingsModal({ provider, onClose }: { provider: StorageProvider; onClose: () => void }) {
  const settings = useApp((s) => s.settings);
  const profile = useApp((s) => s.profile);
  const updateSettings = useApp((s) => s.updateSettings);
  const updateProfile = useApp((s) => s.updateProfile);
  const [info, setInfo] = useState<StorageInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const onPostgres = useOnPostgres() || info?.backend === 'postgres';
  const bucket = useAssetStorage((s) => s.status?.enabled === true);

  useEffect(() => {
    provider.storageInfo().then(setInfo, (raw) => setInfoError(describeError(toErrorPayload(raw))));
  }, [provider]);

  // Opened for one section (a node's "Settings" button, `#/?settings=ai`): show it.
  useEffect(() => {
    const section = useApp.getState().settingsSection ?? hashSettingsSection(window.location.hash);
    if (section) document.getElementById(`settings-${section}`)?.scrollIntoView({ block: 'start' });
  }, []);

  const openFolder = () => {
    provider.openDataFolder?.().catch((raw) =>
      showToast({
        message: `Could not open the folder: ${describeError(toErrorPayload(raw))}`,
        tone: 'error',
      }),
    );
  };

  return (
    <Modal title="Settings" size="lg" onClose={onClose} testId="settings" closeTestId="settings-close">
      <Section title="Appearance" description="How Koda looks on this computer.">
        <Row label="Theme">
          <SegmentedControl<Theme>
            label="Theme"
            value={settings.theme}
            onChange={(theme) => updateSettings((s) => ({ ...s, theme }))}
            options={[
              { value: 'dark', label: 'Dark', icon: 'moon', testId: 'theme-dark' },
              { value: 'light', label: 'Light', icon: 'sun', testId: 'theme-light' },
              { value: 'system', label: 'System', icon: 'monitor', testId: 'theme-system' },
            ]}
          />
        </Row>
      </Section>

      <AiProvidersSection desktop={provider.isDesktop} />

      <Section title="Canvas" description="How the editor behaves.">
        <Row label="Snap to grid" hint="Nodes align to the grid as you move them.">
          <Switch
            label="Snap to grid"
            testId="snap-to-grid"
            checked={settings.canvas.snapToGrid}
            onChange={(snapToGrid) => updateSettings((s) => ({ ...s, canvas: { ...s.canvas, snapToGrid } }))}
          />
        </Row>
        <Row label="Grid size" hint="In pixels, 4–128." htmlFor="grid-size">
          <NumberField
            id="grid-size"
            testId="grid-size"
            value={settings.canvas.gridSize}
            min={4}
            max={128}
            onCommit={(gridSize) => updateSettings((s) => ({ ...s, canvas: { ...s.canvas, gridSize } }))}
          />
        </Row>
        <Row label="Show minimap">
          <Switch
            label="Show minimap"
            testId="show-minimap"
            checked={settings.canvas.showMinimap}
            onChange={(showMinimap) =>
              updateSettings((s) => ({ ...s, canvas: { ...s.canvas, showMinimap } }))
            }
          />
        </Row>
      </Section>

      <Section title="Profile" description="Shown on this computer only.">
        <Row label="Name" htmlFor="profile-name">
          <TextField
            id="profile-name"
            testId="profile-name"
            value={profile.name}
            placeholder="Your name"
            onCommit={(name) => name && updateProfile({ name })}
          />
        </Row>
        <Row label="Email" htmlFor="profile-email">
          <TextField
            id="profile-email"
            testId="profile-email"
            type="email"
            value={profile.email ?? ''}
            placeholder="you@studio.com"
            onCommit={(email) => updateProfile({ email: email || undefined })}
          />
        </Row>
      </Section>

      <Section title="Storage" description={storageDescription(provider.isDesktop, onPostgres, bucket)}>
        {infoError && <p className="settings-error">{infoError}</p>}
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
            <span className="settings-path" title={info?.dataDir}>
              {info?.dataDir ?? '…'}
            </span>
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              data-testid="open-data-folder"
              onClick={openFolder}
            >
              <Icon name="folder" size={14} />
              Open folder
            </button>
          </Row>
        )}
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
      </Section>

      <DatabaseSection desktop={provider.isDesktop} />

      <AssetStorageSection desktop={provider.isDesktop} />

      <CloudSyncSection desktop={provider.isDesktop} />

      <Section
        title="Backups"
        description={
          onPostgres
            ? 'Backups copy the SQLite file on this computer. The team database is backed up on its server.'
            : 'Koda keeps automatic copies of your database.'
        }
      >
        <Row
          label="Backups to keep"
          hint="Older ones are removed. 0 turns backups off."
          htmlFor="backups-to-keep"
        >
          <NumberField
            id="backups-to-keep"
            testId="backups-to-keep"
            value={settings.backupsToKeep}
            min={0}
            max={100}
            onCommit={(backupsToKeep) => updateSettings((s) => ({ ...s, backupsToKeep }))}
          />
        </Row>
        {provider.listBackups && <BackupList provider={provider} canBackUp={!onPostgres} />}
      </Section>
    </Modal>
  );
}
