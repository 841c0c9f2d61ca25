import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { ChangeEvent } from '../bindings/ChangeEvent';
import type { ChangeKind } from '../bindings/ChangeKind';
import type { Profile } from '../bindings/Profile';
import type { Settings } from '../bindings/Settings';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { upgradeLegacyCanvas } from '../canvas/legacy-upgrade';
import {
  canvasMetadata,
  duplicatedCanvas,
  existing,
  newCanvas,
  newestFirst,
  patchedCanvas,
  recentlyTrashedFirst,
  renamedCanvas,
  savedCanvas,
  validateImport,
  withThumbnail,
} from './canvas-rules';
import { DEFAULT_PROFILE, withSettingsDefaults } from './defaults';
import type { AssetRecord } from '../bindings/AssetRecord';
import { AssetUrlCache } from './asset-url-cache';
import type { BrowserAssetStore } from './browser-asset-store';
import { bytesToDataUrl } from './data-url';
import { inlineAssets, referencedAssets } from './inline-assets';
import { storageError } from './errors';
import { newId } from './ids';
import type { ShownRemoteMedia, StorageInfo, StorageProvider } from './types';
import type { SearchQuery } from '../bindings/SearchQuery';
import type { VersionSource } from '../bindings/VersionSource';
import { BrowserHistory } from './browser-history';
import { BrowserSearchIndex } from './browser-search';
import { MemoryVersionStore } from './version-store';
import { restoredCanvas } from './version-restore';

/** Keys shared with the Koda web app: `spaces-canvases` keeps the web format exactly. */
export const CANVASES_KEY = 'spaces-canvases';
export const SETTINGS_KEY = 'koda-settings';
export const PROFILE_KEY = 'koda-profile';
/** id → deletedAt; kept aside so the web app's array never sees a field it does not know. */
export const TRASH_KEY = 'koda-trash';

const OWN_KEYS = [CANVASES_KEY, SETTINGS_KEY, PROFILE_KEY, TRASH_KEY];

export interface LocalStorageProviderOptions {
  storage?: Storage;
  now?: () => number;
  makeId?: () => string;
  /** Where `storage` events from other tabs arrive; omit to ignore other tabs. */
  eventTarget?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Media files (IndexedDB); without it, dropped files are embedded as data: URLs. */
  assets?: BrowserAssetStore;
  /** Versions of canvases (browser-history.ts); without it, kept in memory for this page only. */
  history?: BrowserHistory;
}

function isQuotaError(error: unknown): boolean {
  if (!(error instanceof DOMException) && !(error instanceof Error)) return false;
  const { name } = error as DOMException;
  const code = (error as DOMException).code;
  return (
    name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014
  );
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function storedIn(canvases: StoredCanvas[], id: string): StoredCanvas | undefined {
  return canvases.find((c) => c.id === id);
}

/** The browser backend: the seed's demo storage, with revisions, trash and conflicts like the desktop one. */
export class LocalStorageProvider implements StorageProvider {
  readonly label = 'Browser · localStorage';
  readonly isDesktop = false;
  /** Thumbnails live inside `spaces-canvases` as data: URLs here, so they are kept small. */
  readonly thumbnailSize = { width: 320, height: 200 };
  private readonly storage: Storage;
  private readonly now: () => number;
  private readonly makeId: () => string;
  private readonly eventTarget?: LocalStorageProviderOptions['eventTarget'];
  private seq = 0;
  /** Whether the stored canvases were checked for the old desktop node model (done once). */
  private upgradeChecked = false;

  private readonly assets?: BrowserAssetStore;
  private readonly assetUrls?: AssetUrlCache;
  private readonly history: BrowserHistory;
  private readonly searchIndex: BrowserSearchIndex;
  /** Stores a dropped file in IndexedDB; nodes keep `koda-asset://<sha256>` (absent without an asset store). */
  readonly addAsset?: (
    bytes: Uint8Array,
    meta: { filename: string; canvasId?: string; nodeId?: string },
  ) => Promise<AssetRecord>;

  constructor(options: LocalStorageProviderOptions = {}) {
    this.storage = options.storage ?? window.localStorage;
    this.now = options.now ?? Date.now;
    this.makeId = options.makeId ?? newId;
    this.eventTarget = options.eventTarget;
    this.history = options.history ?? new BrowserHistory(new MemoryVersionStore(), { now: this.now });
    this.searchIndex = new BrowserSearchIndex(this.now);
    const assets = options.assets;
    if (assets) {
      this.assets = assets;
      this.assetUrls = new AssetUrlCache(assets);
      this.addAsset = (bytes, meta) => assets.add(bytes, meta);
    }
  }

  /** The blob: URL of a file kept in IndexedDB, or undefined when this browser does not have it. */
  resolveAssetUrl(reference: string): Promise<string | undefined> {
    return this.assetUrls?.resolve(reference) ?? Promise.resolve(undefined);
  }

  cachedAssetUrl(reference: string): string | undefined {
    return this.assetUrls?.cached(reference);
  }

  /** A browser may load remote media itself: the URL is shown as it is. */
  async showRemoteMedia(url: string): Promise<ShownRemoteMedia> {
    return { url };
  }

  // ---- raw reads and writes -------------------------------------------------------------

  private readJson<T>(key: string, fallback: T): T {
    const text = this.storage.getItem(key);
    if (text === null) return fallback;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw storageError('database', `the data under '${key}' is not valid JSON`);
    }
  }

  private writeJson(key: string, value: unknown): void {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch (error) {
      if (isQuotaError(error))
        throw storageError('disk_full', 'Browser storage is full; nothing was written.');
      throw storageError('io', error instanceof Error ? error.message : String(error));
    }
  }

  private readCanvases(): StoredCanvas[] {
    const value = this.readJson<unknown>(CANVASES_KEY, []);
    const canvases = Array.isArray(value) ? (value as StoredCanvas[]) : [];
    if (this.upgradeChecked) return canvases;
    this.upgradeChecked = true;
    return this.upgradeLegacyCanvases(canvases);
  }

  /**
   * Canvases an older Koda Desktop kept here in its own node model, brought to Koda web's (the
   * same mapping as the desktop database migration), and written back once. Koda web's canvases
   * are left exactly as they are.
   */
  private upgradeLegacyCanvases(canvases: StoredCanvas[]): StoredCanvas[] {
    const upgraded = canvases.map((canvas) =>
      canvas && typeof canvas === 'object' ? upgradeLegacyCanvas(canvas) : canvas,
    );
    if (upgraded.every((canvas, i) => canvas === canvases[i])) return canvases;
    try {
      this.writeJson(CANVASES_KEY, upgraded);
    } catch {
      // Shown upgraded all the same; the next save writes it.
    }
    return upgraded;
  }

  private readTrash(): Record<string, number> {
    return this.readJson<Record<string, number>>(TRASH_KEY, {});
  }

  private find(canvases: StoredCanvas[], id: string): StoredCanvas {
    return existing(id, storedIn(canvases, id));
  }

  /** Puts `next` in place of the stored canvas with its id, or adds it; then writes the list. */
  private put(canvases: StoredCanvas[], next: StoredCanvas, source: VersionSource = 'edit'): void {
    const index = canvases.findIndex((c) => c.id === next.id);
    // What the write replaces may be kept as a version first (browser-history.ts decides).
    if (index >= 0) this.history.replacing(canvases[index], next, source);
    if (index >= 0) canvases[index] = next;
    else canvases.push(next);
    this.writeJson(CANVASES_KEY, canvases);
  }

  /** A canvas as the UI expects it: arrays present, revision a number. */
  private normalise(canvas: StoredCanvas): StoredCanvas {
    return {
      ...clone(canvas),
      nodes: clone(canvas.nodes ?? []),
      edges: clone(canvas.edges ?? []),
      revision: canvas.revision ?? 0,
    };
  }

  // ---- canvases -------------------------------------------------------------------------

  async listCanvases(): Promise<CanvasMetadata[]> {
    const trash = this.readTrash();
    const live = this.readCanvases().filter((c) => !(c.id in trash));
    return newestFirst(live.map((c) => canvasMetadata(c)));
  }

  async listTrash(): Promise<CanvasMetadata[]> {
    const trash = this.readTrash();
    const trashed = this.readCanvases().filter((c) => c.id in trash);
    return recentlyTrashedFirst(trashed.map((c) => canvasMetadata(c, trash[c.id])));
  }

  async getCanvas(id: string): Promise<StoredCanvas | null> {
    const canvas = this.readCanvases().find((c) => c.id === id);
    return canvas ? this.normalise(canvas) : null;
  }

  async createCanvas(name: string): Promise<StoredCanvas> {
    const canvas = newCanvas(this.makeId(), name, this.now());
    this.put(this.readCanvases(), canvas);
    return clone(canvas);
  }

  async saveCanvas(canvas: StoredCanvas): Promise<number> {
    const canvases = this.readCanvases();
    const stored = savedCanvas(canvas, storedIn(canvases, canvas.id), this.now());
    this.put(canvases, stored, 'import');
    return stored.revision;
  }

  async applyPatch(id: string, baseRevision: number, patch: CanvasPatch): Promise<number> {
    const canvases = this.readCanvases();
    const next = patchedCanvas(id, storedIn(canvases, id), baseRevision, patch, this.now());
    this.put(canvases, next);
    return next.revision;
  }

  async renameCanvas(id: string, name: string): Promise<number> {
    const canvases = this.readCanvases();
    const next = renamedCanvas(id, storedIn(canvases, id), name, this.now());
    this.put(canvases, next);
    return next.revision;
  }

  async duplicateCanvas(id: string, name?: string): Promise<StoredCanvas> {
    const canvases = this.readCanvases();
    const copy = duplicatedCanvas(id, storedIn(canvases, id), this.makeId(), name, this.now());
    this.put(canvases, copy);
    return clone(copy);
  }

  async trashCanvas(id: string): Promise<void> {
    this.find(this.readCanvases(), id);
    const trash = this.readTrash();
    trash[id] = this.now();
    this.writeJson(TRASH_KEY, trash);
  }

  async restoreCanvas(id: string): Promise<void> {
    this.find(this.readCanvases(), id);
    const trash = this.readTrash();
    delete trash[id];
    this.writeJson(TRASH_KEY, trash);
  }

  async purgeCanvas(id: string): Promise<void> {
    const canvases = this.readCanvases();
    this.find(canvases, id);
    this.writeJson(
      CANVASES_KEY,
      canvases.filter((c) => c.id !== id),
    );
    const trash = this.readTrash();
    if (id in trash) {
      delete trash[id];
      this.writeJson(TRASH_KEY, trash);
    }
    await this.history.forget(id);
    // Files only the purged canvas used go too (after the write, never before).
    await this.assets
      ?.removeUnreferenced(referencedAssets(this.storage.getItem(CANVASES_KEY) ?? ''))
      .catch(() => 0);
  }

  async setThumbnail(id: string, thumbnail: string | null): Promise<void> {
    const canvases = this.readCanvases();
    this.put(canvases, withThumbnail(id, storedIn(canvases, id), thumbnail));
  }

  async setThumbnailImage(id: string, png: Uint8Array): Promise<string> {
    const url = bytesToDataUrl(png, 'image/png');
    await this.setThumbnail(id, url);
    return url;
  }

  // ---- settings and profile ---------------------------------------------------------------

  async getSettings(): Promise<Settings> {
    return withSettingsDefaults(this.readJson<Partial<Settings> | null>(SETTINGS_KEY, null));
  }

  async setSettings(settings: Settings): Promise<void> {
    this.writeJson(SETTINGS_KEY, settings);
  }

  async getProfile(): Promise<Profile> {
    return { ...DEFAULT_PROFILE, ...this.readJson<Partial<Profile>>(PROFILE_KEY, {}) };
  }

  async setProfile(profile: Profile): Promise<void> {
    this.writeJson(PROFILE_KEY, profile);
  }

  // ---- storage, import and export -----------------------------------------------------------

  async storageInfo(): Promise<StorageInfo> {
    let chars = 0;
    for (const key of OWN_KEYS) chars += key.length + (this.storage.getItem(key)?.length ?? 0);
    return {
      backend: 'localStorage',
      dataDir: 'This browser (localStorage)',
      // A browser keeps no log files.
      logsDir: '',
      databasePath: CANVASES_KEY,
      // Browsers keep localStorage as UTF-16: two bytes a character.
      databaseBytes: chars * 2,
      schemaVersion: 1,
    };
  }

  async importCanvases(files: StoredCanvas[]): Promise<number> {
    // All or nothing: every canvas is checked before any is written.
    validateImport(files);
    // Files an older Koda Desktop exported hold its old node model.
    const incoming = files.map(upgradeLegacyCanvas);
    const canvases = this.readCanvases();
    for (const canvas of incoming) {
      // As koda-core: each keeps the file's updatedAt, and one whose id is already stored (this
      // canvas imported again) replaces it at the next revision, its old state kept as a version.
      const index = canvases.findIndex((c) => c.id === canvas.id);
      const previous = index >= 0 ? canvases[index] : undefined;
      const next = savedCanvas(canvas, previous, canvas.updatedAt);
      if (previous) this.history.replacing(previous, next, 'import');
      if (index >= 0) canvases[index] = next;
      else canvases.push(next);
    }
    this.writeJson(CANVASES_KEY, canvases);
    return incoming.length;
  }

  /** Every canvas, with media kept in IndexedDB inlined as data: URLs so the file is complete. */
  async exportAll(): Promise<StoredCanvas[]> {
    const canvases = clone(this.readCanvases());
    const assets = this.assets;
    return assets ? inlineAssets(canvases, (sha) => assets.getBytes(sha)) : canvases;
  }

  // ---- version history and search (browser-history.ts, browser-search.ts) -------------------

  async search(query: SearchQuery) {
    const stored = {
      canvasesText: this.storage.getItem(CANVASES_KEY) ?? '',
      trashText: this.storage.getItem(TRASH_KEY) ?? '',
    };
    return this.searchIndex.search(query, stored, () => ({
      canvases: this.readCanvases(),
      trash: this.readTrash(),
    }));
  }

  listVersions(canvasId: string) {
    return this.history.list(canvasId);
  }

  getVersion(canvasId: string, versionId: number): Promise<StoredCanvas> {
    return this.history.get(canvasId, versionId);
  }

  async restoreVersion(canvasId: string, versionId: number, nodeId?: string): Promise<number> {
    const version = await this.history.get(canvasId, versionId);
    const canvases = this.readCanvases();
    const current = this.find(canvases, canvasId);
    const revision = (current.revision ?? 0) + 1;
    const next = { ...restoredCanvas(current, version, nodeId), revision, updatedAt: this.now() };
    this.put(canvases, next, 'restore');
    return revision;
  }

  // ---- changes from other tabs --------------------------------------------------------------

  onChange(callback: (event: ChangeEvent) => void): () => void {
    const target = this.eventTarget;
    if (!target) return () => {};
    const listener = (raw: Event) => {
      const event = raw as StorageEvent;
      if (event.storageArea && event.storageArea !== this.storage) return;
      for (const change of this.describeStorageEvent(event.key, event.oldValue, event.newValue))
        callback(change);
    };
    target.addEventListener('storage', listener);
    return () => target.removeEventListener('storage', listener);
  }

  /** Turns another tab's write into the change events the desktop backend would have sent. */
  describeStorageEvent(key: string | null, oldValue: string | null, newValue: string | null): ChangeEvent[] {
    const at = this.now();
    const event = (kind: ChangeKind, canvasId?: string, revision?: number): ChangeEvent => ({
      seq: ++this.seq,
      kind,
      canvasId,
      revision,
      at,
    });
    if (key === SETTINGS_KEY) return [event('settings')];
    if (key === PROFILE_KEY) return [event('profile')];
    if (key === TRASH_KEY) {
      const before = safeParse<Record<string, number>>(oldValue, {});
      const after = safeParse<Record<string, number>>(newValue, {});
      const changes: ChangeEvent[] = [];
      for (const id of Object.keys(after)) if (!(id in before)) changes.push(event('trashed', id));
      for (const id of Object.keys(before)) if (!(id in after)) changes.push(event('restored', id));
      return changes;
    }
    if (key !== CANVASES_KEY) return [];
    const before = new Map(safeParse<StoredCanvas[]>(oldValue, []).map((c) => [c.id, c]));
    const after = safeParse<StoredCanvas[]>(newValue, []);
    const changes: ChangeEvent[] = [];
    for (const canvas of after) {
      const previous = before.get(canvas.id);
      if (!previous) changes.push(event('created', canvas.id, canvas.revision));
      else if (previous.revision !== canvas.revision || previous.updatedAt !== canvas.updatedAt)
        changes.push(event('saved', canvas.id, canvas.revision));
      before.delete(canvas.id);
    }
    for (const id of before.keys()) changes.push(event('purged', id));
    return changes;
  }
}

function safeParse<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
