import type { CanvasEdge } from '../bindings/CanvasEdge';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import type { CanvasNode } from '../bindings/CanvasNode';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { ChangeEvent } from '../bindings/ChangeEvent';
import type { ChangeKind } from '../bindings/ChangeKind';
import type { Profile } from '../bindings/Profile';
import type { Settings } from '../bindings/Settings';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { upgradeLegacyCanvas } from '../canvas/legacy-upgrade';
import { validateCanvas, validateName, validatePatch } from './canvas-validation';
import { DEFAULT_PROFILE, withSettingsDefaults } from './defaults';
import type { AssetRecord } from '../bindings/AssetRecord';
import { AssetUrlCache } from './asset-url-cache';
import type { BrowserAssetStore } from './browser-asset-store';
import { bytesToDataUrl } from './data-url';
import { inlineAssets, referencedAssets } from './inline-assets';
import { storageError } from './errors';
import { newId } from './ids';
import type { ShownRemoteMedia, StorageInfo, StorageProvider } from './types';

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
    const canvas = canvases.find((c) => c.id === id);
    if (!canvas) throw storageError('not_found', `canvas '${id}' was not found`);
    return canvas;
  }

  private metadata(canvas: StoredCanvas, deletedAt?: number): CanvasMetadata {
    const meta: CanvasMetadata = {
      id: canvas.id,
      name: canvas.name,
      createdAt: canvas.createdAt,
      updatedAt: canvas.updatedAt,
      nodeCount: (canvas.nodes ?? []).length,
      revision: canvas.revision ?? 0,
    };
    if (canvas.thumbnail) meta.thumbnail = canvas.thumbnail;
    if (deletedAt !== undefined) meta.deletedAt = deletedAt;
    return meta;
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
    return this.readCanvases()
      .filter((c) => !(c.id in trash))
      .map((c) => this.metadata(c))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async listTrash(): Promise<CanvasMetadata[]> {
    const trash = this.readTrash();
    return this.readCanvases()
      .filter((c) => c.id in trash)
      .map((c) => this.metadata(c, trash[c.id]))
      .sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0));
  }

  async getCanvas(id: string): Promise<StoredCanvas | null> {
    const canvas = this.readCanvases().find((c) => c.id === id);
    return canvas ? this.normalise(canvas) : null;
  }

  async createCanvas(name: string): Promise<StoredCanvas> {
    validateName('name', name);
    const now = this.now();
    const canvas: StoredCanvas = {
      id: this.makeId(),
      name: name.trim(),
      createdAt: now,
      updatedAt: now,
      nodes: [],
      edges: [],
      revision: 1,
    };
    const canvases = this.readCanvases();
    canvases.push(canvas);
    this.writeJson(CANVASES_KEY, canvases);
    return clone(canvas);
  }

  async saveCanvas(canvas: StoredCanvas): Promise<number> {
    validateCanvas(canvas);
    const canvases = this.readCanvases();
    const index = canvases.findIndex((c) => c.id === canvas.id);
    const revision = index >= 0 ? (canvases[index].revision ?? 0) + 1 : 1;
    const stored: StoredCanvas = {
      ...clone(canvas),
      nodes: clone(canvas.nodes ?? []),
      edges: clone(canvas.edges ?? []),
      updatedAt: this.now(),
      revision,
    };
    if (index >= 0) canvases[index] = stored;
    else canvases.push(stored);
    this.writeJson(CANVASES_KEY, canvases);
    return revision;
  }

  async applyPatch(id: string, baseRevision: number, patch: CanvasPatch): Promise<number> {
    validatePatch(patch);
    const canvases = this.readCanvases();
    const canvas = this.find(canvases, id);
    const current = canvas.revision ?? 0;
    if (current !== baseRevision) {
      throw storageError(
        'conflict',
        `canvas '${id}' was changed elsewhere: this edit was based on revision ${baseRevision}, the canvas is at revision ${current}`,
      );
    }
    const next = applyPatchTo(canvas, patch);
    const contentChanged =
      patch.upsertNodes.length +
        patch.deleteNodes.length +
        patch.upsertEdges.length +
        patch.deleteEdges.length >
        0 || patch.name !== undefined;
    next.revision = current + 1;
    // Panning alone is not an edit: it must not move the canvas to the top of "last edited".
    if (contentChanged) next.updatedAt = this.now();
    canvases[canvases.indexOf(canvas)] = next;
    this.writeJson(CANVASES_KEY, canvases);
    return next.revision;
  }

  async renameCanvas(id: string, name: string): Promise<number> {
    validateName('name', name);
    const canvases = this.readCanvases();
    const canvas = this.find(canvases, id);
    canvas.name = name.trim();
    canvas.updatedAt = this.now();
    canvas.revision = (canvas.revision ?? 0) + 1;
    this.writeJson(CANVASES_KEY, canvases);
    return canvas.revision;
  }

  async duplicateCanvas(id: string, name?: string): Promise<StoredCanvas> {
    const canvases = this.readCanvases();
    const source = this.find(canvases, id);
    const copyName = name ?? `${source.name} copy`;
    validateName('name', copyName);
    const now = this.now();
    const copy: StoredCanvas = {
      ...this.normalise(source),
      id: this.makeId(),
      name: copyName,
      createdAt: now,
      updatedAt: now,
      revision: 1,
    };
    canvases.push(copy);
    this.writeJson(CANVASES_KEY, canvases);
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
    // Files only the purged canvas used go too (after the write, never before).
    await this.assets
      ?.removeUnreferenced(referencedAssets(this.storage.getItem(CANVASES_KEY) ?? ''))
      .catch(() => 0);
  }

  async setThumbnail(id: string, thumbnail: string | null): Promise<void> {
    const canvases = this.readCanvases();
    const canvas = this.find(canvases, id);
    if (thumbnail) canvas.thumbnail = thumbnail;
    else delete canvas.thumbnail;
    this.writeJson(CANVASES_KEY, canvases);
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
      databasePath: CANVASES_KEY,
      // Browsers keep localStorage as UTF-16: two bytes a character.
      databaseBytes: chars * 2,
      schemaVersion: 1,
    };
  }

  async importCanvases(files: StoredCanvas[]): Promise<number> {
    files.forEach((canvas) => validateCanvas(canvas));
    // Files an older Koda Desktop exported hold its old node model.
    const incoming = files.map(upgradeLegacyCanvas);
    const canvases = this.readCanvases();
    const taken = new Set(canvases.map((c) => c.id));
    for (const canvas of incoming) {
      // An id already here is another canvas (or this one, imported twice): never overwrite it.
      const id = taken.has(canvas.id) ? this.makeId() : canvas.id;
      taken.add(id);
      canvases.push({ ...this.normalise(canvas), id, revision: 1 });
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

/** Applies a patch the way koda-core does: deleting a node also deletes the edges touching it. */
export function applyPatchTo(canvas: StoredCanvas, patch: CanvasPatch): StoredCanvas {
  const deletedNodes = new Set(patch.deleteNodes);
  const deletedEdges = new Set(patch.deleteEdges);
  let nodes: CanvasNode[] = (canvas.nodes ?? []).filter((n) => !deletedNodes.has(n.id));
  let edges: CanvasEdge[] = (canvas.edges ?? []).filter(
    (e) => !deletedEdges.has(e.id) && !deletedNodes.has(e.source) && !deletedNodes.has(e.target),
  );
  nodes = upsertById(nodes, patch.upsertNodes);
  edges = upsertById(edges, patch.upsertEdges);
  const nodeIds = new Set(nodes.map((n) => n.id));
  patch.upsertEdges.forEach((edge, index) => {
    for (const end of ['source', 'target'] as const) {
      if (!nodeIds.has(edge[end])) {
        throw storageError(
          'invalid_input',
          `invalid input at upsertEdges[${index}].${end}: node '${edge[end]}' is not on the canvas`,
        );
      }
    }
  });
  const next: StoredCanvas = { ...canvas, nodes, edges };
  if (patch.viewport) next.viewport = { ...patch.viewport };
  if (patch.name !== undefined) next.name = patch.name.trim();
  return next;
}

function upsertById<T extends { id: string }>(items: T[], updates: T[]): T[] {
  const result = [...items];
  const index = new Map(result.map((item, i) => [item.id, i]));
  for (const update of updates) {
    const at = index.get(update.id);
    if (at === undefined) {
      index.set(update.id, result.length);
      result.push(clone(update));
    } else {
      result[at] = clone(update);
    }
  }
  return result;
}
