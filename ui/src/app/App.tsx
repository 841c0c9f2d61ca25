import { lazy, Suspense, useEffect } from 'react';
import { tauriAssetStorageBackend } from '../asset-storage/asset-storage-client';
import { useAssetStorage } from '../asset-storage/asset-storage-store';
import { Toaster } from '../components/Toaster';
import { Dashboard } from '../dashboard/Dashboard';
import { tauriDatabaseBackend } from '../database/database-client';
import { useDatabase } from '../database/database-store';
import { useLibrary } from '../dashboard/library-store';
import { tauriGenerationBackend } from '../generation/generation-client';
import { useGeneration } from '../generation/generation-store';
import { tauriRecoveryBackend } from '../recovery/recovery-client';
import { watchPanics } from '../recovery/panic-notice';
import { announceRecovery, watchDatabaseDamage } from '../recovery/recovery-notice';
import { RecoveryScreen } from '../recovery/RecoveryScreen';
import { StartupError } from '../recovery/StartupError';
import { SearchPalette } from '../search/SearchPalette';
import { useSettingsRoute } from '../settings/use-settings-route';
import { tauriSyncBackend } from '../sync/sync-client';
import { useSync } from '../sync/sync-store';
import { showOpenedFiles, tauriOpenedFilesBackend, watchOpenedFiles } from '../transfer/opened-files-client';
import { tauriUpdatesBackend } from '../updates/updates-client';
import { watchUpdates } from '../updates/watch-updates';
import type { StorageProvider } from '../storage/types';
import { useApp } from './app-store';
import { loadEditorModule, useEditorModule } from './editor-module';
import { watchMenu } from './menu-commands';
import { parseRoute, useRoute } from './router';
import { watchSystemTheme } from './theme';

// The editor and Settings load when first shown (their own chunks): the dashboard starts without
// React Flow and the settings sections. The editor's chunk is fetched in the background shortly
// after the first screen shows, so the first canvas opens as fast as before.
const SettingsPage = lazy(() =>
  import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);

export function App() {
  const provider = useApp((s) => s.provider);
  const ready = useApp((s) => s.ready);
  const startupError = useApp((s) => s.startupError);
  const recovery = useApp((s) => s.recovery);
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

  // Settings follows the hash (`#/...?settings=cloud-sync`: links, reloads, screenshots) and ⌘, / Ctrl+,.
  useSettingsRoute();

  // Once the first screen is up, fetch the editor's code in the background.
  useEffect(() => {
    if (!ready || startupError) return;
    const timer = setTimeout(() => void loadEditorModule().catch(() => {}), 1500);
    return () => clearTimeout(timer);
  }, [ready, startupError]);

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

  // Damage the desktop app's background check finds in the open database: a toast until dismissed.
  useEffect(() => {
    if (!provider?.isDesktop) return;
    return watchDatabaseDamage(tauriRecoveryBackend(), () => useApp.getState().openSettings('backups'));
  }, [provider]);

  // Something inside the desktop app panicked: say so and point at the log file.
  useEffect(() => {
    if (!provider?.isDesktop) return;
    const recovery = tauriRecoveryBackend();
    return watchPanics(() => recovery.openLogsFolder());
  }, [provider]);

  // Updates (desktop app): where updating stands, and a toast when the check at start finds one.
  useEffect(() => {
    if (!provider?.isDesktop) return;
    return watchUpdates(tauriUpdatesBackend(), () => useApp.getState().openSettings('general'));
  }, [provider]);

  // The app menu bar (`koda://menu`): each item does what its button or key does where one is.
  useEffect(() => {
    if (provider?.isDesktop) return watchMenu(provider);
  }, [provider]);

  // Files Koda was asked to open (double-click, Open with, a second launch), once the app is up:
  // one canvas opens, more show on the dashboard with a summary and every failure.
  useEffect(() => {
    if (!provider?.isDesktop || !ready || startupError) return;
    return watchOpenedFiles(tauriOpenedFilesBackend(), (batches) => showOpenedFiles(batches, provider));
  }, [provider, ready, startupError]);

  // The app started again after a recovery: say where the file that did not open was kept.
  useEffect(() => {
    if (provider && ready && !startupError) announceRecovery(provider.openDataFolder?.bind(provider));
  }, [provider, ready, startupError]);

  if (!provider || !ready) return <div className="splash" aria-busy="true" />;
  if (startupError) {
    // Desktop: the recovery screen (what happened, the backups, a fresh start); else the message.
    return recovery ? (
      <RecoveryScreen status={recovery} backend={tauriRecoveryBackend()} />
    ) : (
      <StartupError message={startupError} />
    );
  }

  return (
    <>
      {route.screen === 'canvas' ? (
        <EditorScreen key={route.id} provider={provider} canvasId={route.id} />
      ) : (
        <Dashboard route={route} provider={provider} />
      )}
      {settingsOpen && (
        <Suspense fallback={null}>
          <SettingsPage provider={provider} />
        </Suspense>
      )}
      <SearchPalette provider={provider} />
      <Toaster />
    </>
  );
}

/** The editor once its chunk is here (at once when it was fetched in the background). */
function EditorScreen({ provider, canvasId }: { provider: StorageProvider; canvasId: string }) {
  const { module, error } = useEditorModule();
  if (module) return <module.Editor provider={provider} canvasId={canvasId} />;
  if (error)
    return (
      <div className="fatal" role="alert" data-testid="editor-load-error">
        <h1>The editor could not be loaded</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        <div className="fatal__actions">
          <button type="button" className="btn btn--secondary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  return <div className="splash" aria-busy="true" />;
}
