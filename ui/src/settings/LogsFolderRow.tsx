import { Icon } from '../components/Icon';
import type { StorageInfo, StorageProvider } from '../storage/types';
import { openFolder } from './open-folder';
import { Row } from './SettingsLayout';

/** Where the desktop app writes its logs, and a button that shows them in the file manager. */
export function LogsFolderRow({ provider, info }: { provider: StorageProvider; info: StorageInfo | null }) {
  return (
    <Row label="Logs folder" hint="What Koda did, and what went wrong.">
      {info?.logsDir && (
        <span className="settings-path" data-testid="logs-dir" title={info.logsDir}>
          <bdi>{info.logsDir}</bdi>
        </span>
      )}
      <button
        type="button"
        className="btn btn--secondary btn--sm"
        data-testid="open-logs-folder"
        onClick={() => openFolder(() => provider.openLogsFolder?.())}
      >
        <Icon name="logs" size={14} />
        Open logs folder
      </button>
    </Row>
  );
}
