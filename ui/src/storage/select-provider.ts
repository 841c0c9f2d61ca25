import { BrowserAssetStore } from './browser-asset-store';
import { BrowserHistory } from './browser-history';
import { LocalStorageProvider } from './local-storage-provider';
import { TauriProvider } from './tauri-provider';
import type { StorageProvider } from './types';
import { IndexedDbVersionStore } from './version-store-indexeddb';

/** Whether the page runs inside the Tauri desktop shell. */
export function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/** Desktop → SQLite through Rust; plain browser (or `--mode web`) → localStorage. */
export function selectProvider(mode: string = import.meta.env.MODE): StorageProvider {
  if (mode !== 'web' && isTauri()) return new TauriProvider();
  return new LocalStorageProvider({
    storage: window.localStorage,
    eventTarget: window,
    assets: new BrowserAssetStore(),
    history: new BrowserHistory(new IndexedDbVersionStore()),
  });
}
