import { invoke } from '@tauri-apps/api/core';
import { followEvent } from '../app/follow-event';
import type { AssetRecord } from '../bindings/AssetRecord';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { ChangeEvent } from '../bindings/ChangeEvent';
import type { MirroredMedia } from '../bindings/MirroredMedia';
import type { Profile } from '../bindings/Profile';
import type { Settings } from '../bindings/Settings';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { upgradeLegacyCanvas } from '../canvas/legacy-upgrade';
import { ASSET_REF_PREFIX, assetUrl } from './asset-url';
import { storageError, toErrorPayload } from './errors';
import { tauriHistory } from './tauri-history';
import { tauriTransfer } from './tauri-transfer';
import type { MediaOwner, ShownRemoteMedia, StorageInfo, StorageProvider } from './types';

/** Event the Rust side emits after every committed write, from any process. */
export const CHANGE_EVENT = 'koda://changed';

/** Calls a Rust command; a rejection always becomes `{code, message}`. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toErrorPayload(error);
  }
}

/** The desktop backend: SQLite behind the Tauri commands in src-tauri. */
export class TauriProvider implements StorageProvider {
  readonly label = 'Local · SQLite';
  readonly isDesktop = true;
  readonly thumbnailSize = { width: 640, height: 400 };

  listCanvases() {
    return call<CanvasMetadata[]>('list_canvases');
  }
  listTrash() {
    return call<CanvasMetadata[]>('list_trash');
  }
  getCanvas(id: string) {
    return call<StoredCanvas | null>('get_canvas', { id });
  }
  createCanvas(name: string) {
    return call<StoredCanvas>('create_canvas', { name });
  }
  saveCanvas(canvas: StoredCanvas) {
    return call<number>('save_canvas', { canvas });
  }
  applyPatch(id: string, baseRevision: number, patch: CanvasPatch) {
    return call<number>('apply_patch', { id, baseRevision, patch });
  }
  renameCanvas(id: string, name: string) {
    return call<number>('rename_canvas', { id, name });
  }
  duplicateCanvas(id: string, name?: string) {
    return call<StoredCanvas>('duplicate_canvas', { id, name: name ?? null });
  }
  trashCanvas(id: string) {
    return call<void>('trash_canvas', { id });
  }
  restoreCanvas(id: string) {
    return call<void>('restore_canvas', { id });
  }
  purgeCanvas(id: string) {
    return call<void>('purge_canvas', { id });
  }
  setThumbnail(id: string, thumbnail: string | null) {
    return call<void>('set_thumbnail', { id, thumbnail });
  }
  /** The PNG travels as the raw IPC body; Rust stores it as an asset and sets the canvas's thumbnail. */
  async setThumbnailImage(id: string, png: Uint8Array) {
    try {
      return await invoke<string>('set_canvas_thumbnail', png, {
        headers: { 'x-koda-canvas': encodeURIComponent(id) },
      });
    } catch (error) {
      throw toErrorPayload(error);
    }
  }
  getSettings() {
    return call<Settings>('get_settings');
  }
  setSettings(settings: Settings) {
    return call<void>('set_settings', { settings });
  }
  getProfile() {
    return call<Profile>('get_profile');
  }
  setProfile(profile: Profile) {
    return call<void>('set_profile', { profile });
  }
  storageInfo() {
    return call<StorageInfo>('storage_info');
  }
  /** Canvases of the old desktop model are brought to Koda web's first (the database holds only that). */
  importCanvases(canvases: StoredCanvas[]) {
    return call<number>('import_canvases', { canvases: canvases.map(upgradeLegacyCanvas) });
  }
  exportAll() {
    return call<StoredCanvas[]>('export_all');
  }
  openDataFolder() {
    return call<void>('open_data_folder');
  }
  openLogsFolder() {
    return call<void>('open_logs_folder');
  }
  /** The file's bytes travel as the raw IPC body; names are percent-encoded into headers. */
  async addAsset(bytes: Uint8Array, meta: { filename: string; canvasId?: string; nodeId?: string }) {
    const headers: Record<string, string> = { 'x-koda-filename': encodeURIComponent(meta.filename) };
    if (meta.canvasId) headers['x-koda-canvas'] = encodeURIComponent(meta.canvasId);
    if (meta.nodeId) headers['x-koda-node'] = encodeURIComponent(meta.nodeId);
    try {
      return await invoke<AssetRecord>('add_asset', bytes, { headers });
    } catch (error) {
      throw toErrorPayload(error);
    }
  }

  /** The Rust side downloads the file into the asset store; the WebView loads it over koda://. */
  async showRemoteMedia(url: string, owner: MediaOwner): Promise<ShownRemoteMedia> {
    const media = await call<MirroredMedia>('mirror_remote_media', {
      url,
      canvasId: owner.canvasId ?? null,
      nodeId: owner.nodeId ?? null,
    });
    const shown = assetUrl(`${ASSET_REF_PREFIX}${media.sha256}`, 'asset', true);
    if (!shown) throw storageError('remote', `The desktop app answered an invalid file id for ${url}.`);
    return { url: shown, kind: media.kind, mimeType: media.mimeType, sha256: media.sha256 };
  }

  importFile = tauriTransfer.importFile;
  importWithDialog = tauriTransfer.importWithDialog;
  exportCanvas = tauriTransfer.exportCanvas;
  saveExport = tauriTransfer.saveExport;
  backupNow = tauriTransfer.backupNow;
  listBackups = tauriTransfer.listBackups;
  restoreBackup = tauriTransfer.restoreBackup;
  restartApp = tauriTransfer.restartApp;

  search = tauriHistory.search;
  listVersions = tauriHistory.listVersions;
  getVersion = tauriHistory.getVersion;
  restoreVersion = tauriHistory.restoreVersion;

  onChange(callback: (event: ChangeEvent) => void): () => void {
    return followEvent<ChangeEvent>(CHANGE_EVENT, callback);
  }
}
