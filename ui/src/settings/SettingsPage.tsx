import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useApp } from '../app/app-store';
import { CloseButton } from '../components/CloseButton';
import { useDialog } from '../components/use-dialog';
import { useOnPostgres } from '../database/database-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageInfo, StorageProvider } from '../storage/types';
import { AiProvidersSection } from './AiProvidersSection';
import { AssetStorageSection } from './AssetStorageSection';
import { BackupsSection } from './BackupsSection';
import { CanvasSection } from './CanvasSection';
import { CloudSyncSection } from './CloudSyncSection';
import { DatabaseSection } from './DatabaseSection';
import { GeneralSection } from './GeneralSection';
import { PANEL_ID, sectionInfo, sectionsFor, tabId, type SettingsSection } from './sections';
import { SettingsNav } from './SettingsNav';
import { StorageSection } from './StorageSection';

/** `storage_info`, asked once while Settings is open (Storage, Backups and General use it). */
function useStorageInfo(provider: StorageProvider) {
  const [state, setState] = useState<{ info: StorageInfo | null; error: string | null }>({
    info: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    provider.storageInfo().then(
      (info) => live && setState({ info, error: null }),
      (raw) => live && setState({ info: null, error: describeError(toErrorPayload(raw)) }),
    );
    return () => {
      live = false;
    };
  }, [provider]);
  return state;
}

/**
 * Settings: a page over the whole window with the section list on the left and one section on
 * the right, its title and a line saying what it is for at the top. The section is in the hash
 * (`?settings=cloud-sync`), so a reload shows it again. Esc or ✕ closes it and the screen under
 * it is as it was, focus back where it was. The browser lists only what works there.
 */
export function SettingsPage({ provider }: { provider: StorageProvider }) {
  const section = useApp((s) => s.settingsSection);
  const openSettings = useApp((s) => s.openSettings);
  const close = useApp((s) => s.closeSettings);
  const desktop = provider.isDesktop;
  const sections = sectionsFor(desktop);
  const { info, error } = useStorageInfo(provider);
  const onPostgres = useOnPostgres() || info?.backend === 'postgres';
  const page = useRef<HTMLDivElement>(null);
  const main = useRef<HTMLDivElement>(null);
  useDialog(page, close);

  // Each section starts at its top.
  useEffect(() => {
    // Braces: Chromium's scrollTo answers a promise, which an effect must not return.
    main.current?.scrollTo?.({ top: 0 });
  }, [section]);

  const shown = sectionInfo(section);
  return createPortal(
    <div className="modal-backdrop settings-backdrop">
      <div
        ref={page}
        className="modal settings-page"
        role="dialog"
        aria-modal="true"
        aria-label="Settings"
        data-testid="settings"
        data-section={section}
      >
        <aside className="settings-page__side">
          <h2 className="settings-page__title">Settings</h2>
          <SettingsNav sections={sections} current={section} onSelect={openSettings} />
        </aside>
        <div ref={main} className="settings-page__main">
          <div
            className="settings-page__content"
            role="tabpanel"
            id={PANEL_ID}
            aria-labelledby={tabId(section)}
            data-testid="settings-panel"
            data-section={section}
          >
            <header className="settings-page__head">
              <h1 className="settings-page__heading" data-testid="settings-heading">
                {shown.title}
              </h1>
              <p className="settings-page__description">
                {desktop ? shown.description : (shown.browserDescription ?? shown.description)}
              </p>
            </header>
            <SectionBody
              section={section}
              provider={provider}
              info={info}
              infoError={error}
              onPostgres={onPostgres}
            />
          </div>
        </div>
        <div className="settings-page__close">
          <CloseButton label="Close settings" testId="settings-close" onClick={close} iconSize={18} />
          <kbd className="kbd" aria-hidden="true">
            Esc
          </kbd>
        </div>
      </div>
    </div>,
    document.body,
  );
}

function SectionBody({
  section,
  provider,
  info,
  infoError,
  onPostgres,
}: {
  section: SettingsSection;
  provider: StorageProvider;
  info: StorageInfo | null;
  infoError: string | null;
  onPostgres: boolean;
}) {
  switch (section) {
    case 'general':
      return <GeneralSection provider={provider} info={info} />;
    case 'canvas':
      return <CanvasSection />;
    case 'ai':
      return <AiProvidersSection desktop={provider.isDesktop} />;
    case 'storage':
      return <StorageSection provider={provider} info={info} infoError={infoError} onPostgres={onPostgres} />;
    case 'database':
      return <DatabaseSection />;
    case 'asset-storage':
      return <AssetStorageSection />;
    case 'cloud-sync':
      return <CloudSyncSection />;
    case 'backups':
      return <BackupsSection provider={provider} onPostgres={onPostgres} />;
  }
}
