import { useApp } from '../app/app-store';
import type { StorageProvider } from '../storage/types';
import { BackupList } from './BackupList';
import { NumberField } from './NumberField';
import { Row, Section } from './SettingsLayout';

/** Settings → Backups (desktop): how many to keep, Back up now, the list and Restore. */
export function BackupsSection({ provider, onPostgres }: { provider: StorageProvider; onPostgres: boolean }) {
  const backupsToKeep = useApp((s) => s.settings.backupsToKeep);
  const updateSettings = useApp((s) => s.updateSettings);
  return (
    <Section
      description={
        onPostgres
          ? 'Backups copy the SQLite file on this computer. The team database is backed up on its server.'
          : 'Koda copies your database the first time it starts each day, and keeps the newest copies.'
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
          value={backupsToKeep}
          min={0}
          max={100}
          onCommit={(next) => updateSettings((s) => ({ ...s, backupsToKeep: next }))}
        />
      </Row>
      {provider.listBackups && <BackupList provider={provider} canBackUp={!onPostgres} />}
    </Section>
  );
}
