import { useEffect } from 'react';
import { tauriAssetStorageBackend } from '../asset-storage/asset-storage-client';
import { useAssetStorage } from '../asset-storage/asset-storage-store';
import { Toaster } from '../components/Toaster';
import { Dashboard } from '../dashboard/Dashboard';
import { tauriDatabaseBackend } from '../database/database-client';
import { useDatabase } from '../database/database-store';
import { useLibrary } from '../dashboard/library-store';
import { Editor } from '../editor/Editor';
import { tauriGenerationBackend } from '../generation/generation-client';
import { useGeneration } from '../generation/generation-store';
import { SearchPalette } from '../search/SearchPalette';
import { SettingsModal } from '../settings/SettingsModal';
import { tauriSyncBackend } from '../sync/sync-client';
import { useSync } from '../sync/sync-store';
import { useApp } from './app-store';
import { hashWantsSettings, parseRoute, useRoute } from './router';
import { watchSystemTheme } from './theme';

export function App() {
  const provider = useApp((s) => s.provider);
  const ready = useApp((s) => s.ready);
  const startupError = useApp((s) => s.startupError);
  const settingsOpen = useApp((s) => s.settingsOpen);
  const route = useRoute();

  useEffect(() => watchSystemTheme(() => useApp.getState().settings.theme), []);

  // Cloud sync lives in the desktop app; its status feeds Settings and the badges.
  useEffect(() => {
    if (provider?.isDesktop) return useSync.getState().start(tauriSyncBackend());
  }, [provider]);

  // Which database the desktop app uses (SQLite or a team PostgreSQL) and moves between them.
  useEffect(() => {
    if (provider?.isDesktop) return useDatabase.getState().start(tauriDatabaseBackend());
  }, [provider]);

  // The asset bucket and its background uploads (desktop app only), live through `koda://asset-uploads`.
  useEffect(() => {
    if (provider?.isDesktop) return useAssetStorage.getState().start(tauriAssetStorageBackend());
  }, [provider]);

  // Generation (desktop app): runs followed through `koda://generation`, the spend, the keys.
  useEffect(() => {
    if (provider?.isDesktop) return useGeneration.getState().start(tauriGenerationBackend());
  }, [provider]);

  // `#/...?settings` opens the settings sheet (handy for links and screenshots).
  useEffect(() => {
    if (hashWantsSettings(window.location.hash)) useApp.getState().setSettingsOpen(true);
  }, []);

  // The dashboard lists follow every change, from this window or elsewhere.
  useEffect(() => {
    if (!provider || !ready) return;
    if (route.screen !== 'canvas') void useLibrary.getState().refresh(provider);
  }, [provider, ready, route.screen]);

  useEffect(() => {
    if (!provider) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = provider.onChange((event) => {
      if (event.kind === 'settings' || event.kind === 'profile') {
        void useApp.getState().reloadSettings();
        return;
      }
      // The editor has its own listener; the lists refresh when the dashboard shows again.
      if (parseRoute(window.location.hash).screen === 'canvas') return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void useLibrary.getState().refresh(provider), 150);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [provider]);

  if (!provider || !ready) return <div className="splash" aria-busy="true" />;
  if (startupError) {
    return (
      <div className="fatal" role="alert">
        <h1>Koda can’t open your data</h1>
        <p>{startupError}</p>
      </div>
    );
  }

  return (
    <>
      {route.screen === 'canvas' ? (
        <Editor key={route.id} provider={provider} canvasId={route.id} />
      ) : (
        <Dashboard route={route} provider={provider} />
      )}
      {settingsOpen && (
        <SettingsModal provider={provider} onClose={() => useApp.getState().setSettingsOpen(false)} />
      )}
      <SearchPalette provider={provider} />
      <Toaster />
    </>
  );
}
