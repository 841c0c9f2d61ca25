import type { AssetKind } from '../bindings/AssetKind';
import type { AssetRecord } from '../bindings/AssetRecord';
import type { BackupInfo } from '../bindings/BackupInfo';
import type { ExportResult } from '../bindings/ExportResult';
import type { ImportResult } from '../bindings/ImportResult';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import type { CanvasPatch } from '../bindings/CanvasPatch';
import type { ChangeEvent } from '../bindings/ChangeEvent';
import type { Profile } from '../bindings/Profile';
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchQuery } from '../bindings/SearchQuery';
import type { VersionInfo } from '../bindings/VersionInfo';
import type { Settings } from '../bindings/Settings';
import type { StorageInfo } from '../bindings/StorageInfo';
import type { StoredCanvas } from '../bindings/StoredCanvas';

/** Formats the desktop app writes a canvas in: `.koda` bundle, JSON Canvas, StoredCanvas JSON. */
export type ExportFormat = 'koda' | 'canvas' | 'json';

/** The node a media file is shown for (the desktop app records where a mirrored file came from). */
export interface MediaOwner {
  canvasId?: string;
  nodeId?: string;
}

/** A remote media URL made loadable: `url` is what an <img>, <video> or <audio> may load. */
export interface ShownRemoteMedia {
  url: string;
  /** What the file turned out to be, when the backend looked (desktop). */
  kind?: AssetKind;
  mimeType?: string | null;
  /** The stored copy's SHA-256 (desktop), e.g. to save the file. */
  sha256?: string;
}

/** Where and how the data is kept (Settings → Storage); `backend` is `sqlite` or `localStorage`. */
export type { StorageInfo };

/**
 * Everything the UI needs from a storage backend. Every method rejects with an
 * `ErrorPayload` (`{code, message}`), never with a bare string or Error.
 */
export interface StorageProvider {
  /** Short label for the storage badge, e.g. "Local · SQLite". */
  readonly label: string;
  /** Whether the backend is the desktop app (enables "Open folder", disables file export). */
  readonly isDesktop: boolean;

  /** Live canvases, most recently edited first, with their real node counts. */
  listCanvases(): Promise<CanvasMetadata[]>;
  /** Trashed canvases, most recently trashed first. */
  listTrash(): Promise<CanvasMetadata[]>;
  getCanvas(id: string): Promise<StoredCanvas | null>;
  createCanvas(name: string): Promise<StoredCanvas>;
  /** Writes a whole canvas; returns the new revision. */
  saveCanvas(canvas: StoredCanvas): Promise<number>;
  /** Applies an incremental change; rejects with code `conflict` when `baseRevision` is stale. */
  applyPatch(id: string, baseRevision: number, patch: CanvasPatch): Promise<number>;
  renameCanvas(id: string, name: string): Promise<number>;
  duplicateCanvas(id: string, name?: string): Promise<StoredCanvas>;
  trashCanvas(id: string): Promise<void>;
  restoreCanvas(id: string): Promise<void>;
  purgeCanvas(id: string): Promise<void>;
  setThumbnail(id: string, thumbnail: string | null): Promise<void>;
  /**
   * Stores a PNG picture of the canvas as its dashboard thumbnail and resolves with what the
   * canvas's `thumbnail` now holds: a `koda-asset://` reference on desktop (`set_canvas_thumbnail`),
   * a data: URL in the browser.
   */
  setThumbnailImage(id: string, png: Uint8Array): Promise<string>;
  /** Width × height thumbnails are rendered at for this backend. */
  readonly thumbnailSize: { width: number; height: number };

  getSettings(): Promise<Settings>;
  setSettings(settings: Settings): Promise<void>;
  getProfile(): Promise<Profile>;
  setProfile(profile: Profile): Promise<void>;

  storageInfo(): Promise<StorageInfo>;
  /**
   * Adds canvases from a file, all or nothing, each keeping its `updatedAt`; one whose id is
   * already stored replaces it at the next revision. Returns how many were imported.
   */
  importCanvases(canvases: StoredCanvas[]): Promise<number>;
  /** Every canvas in the web app's `spaces-canvases` format. */
  exportAll(): Promise<StoredCanvas[]>;
  /** Opens the data folder in the system file manager (desktop only). */
  openDataFolder?(): Promise<void>;
  /** Opens the folder Koda writes its logs to in the system file manager (desktop only). */
  openLogsFolder?(): Promise<void>;
  /** Stores a dropped file in the asset store (desktop only); nodes then refer to it as `koda-asset://<sha256>`. */
  addAsset?(
    bytes: Uint8Array,
    meta: { filename: string; canvasId?: string; nodeId?: string },
  ): Promise<AssetRecord>;

  // ---- desktop only: import, export, backups (issue 5) -----------------------------------------
  /** Imports one file of any format Koda reads (web JSON, Koda export, .koda, .canvas, web SQLite); all or nothing. */
  importFile?(bytes: Uint8Array, filename: string): Promise<ImportResult>;
  /**
   * Asks with the native Open dialog which files to import and imports each like a double-clicked
   * file (the result arrives as `koda://opened-files`); resolves with how many were picked.
   */
  importWithDialog?(): Promise<number>;
  /** Writes a canvas where the person chooses in the native Save dialog (`path` null: cancelled). */
  exportCanvas?(id: string, format: ExportFormat): Promise<ExportResult>;
  /** Writes a PNG the UI rendered where the person chooses in the native Save dialog. */
  saveExport?(png: Uint8Array, filename: string): Promise<ExportResult>;
  backupNow?(): Promise<BackupInfo>;
  /** Backups, newest first. */
  listBackups?(): Promise<BackupInfo[]>;
  /** Schedules a restore for the next start (the app must restart to finish it). */
  restoreBackup?(name: string): Promise<void>;
  restartApp?(): Promise<void>;

  /**
   * Makes a remote (http/https) media URL loadable. The desktop app must make no network request
   * from its WebView: it mirrors the file into its asset store (`mirror_remote_media`) and answers
   * a koda:// URL. A browser loads the URL itself, so it is answered as it is. Rejects with
   * `{code, message}`: `invalid_input` (a web page, not media), `too_large`, `unreachable`, `remote`.
   * Callers cache the answer per URL (`remote-media.ts`); the node's data keeps the original URL.
   */
  showRemoteMedia(url: string, owner: MediaOwner): Promise<ShownRemoteMedia>;

  /** Browser only: the blob: URL of a `koda-asset://` file kept in IndexedDB (desktop serves them over koda://). */
  resolveAssetUrl?(reference: string): Promise<string | undefined>;
  /** Browser only: the blob: URL already made for a reference, so a re-render shows it at once. */
  cachedAssetUrl?(reference: string): string | undefined;

  // ---- version history and search (issue 15) -------------------------------------------------
  /**
   * Words in every canvas (names, descriptions, every string in node data), best hits first.
   * `snippet` wraps each matched word in U+0002 … U+0003; `nodeId` null is a canvas-level hit.
   * Query syntax (`"`, `*`, `-`, `NEAR`) is searched as text, never an error.
   */
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** The kept versions of a canvas, newest first. */
  listVersions(canvasId: string): Promise<VersionInfo[]>;
  /** The canvas as it was in a version; rejects with `not_found` for an unknown version. */
  getVersion(canvasId: string, versionId: number): Promise<StoredCanvas>;
  /**
   * Restores the whole canvas from a version, or only `nodeId` (with its edges to nodes that exist
   * now); resolves with the new revision. What it replaces is kept as a version first.
   * Rejects with `not_found` for an unknown version (or a node the version does not have).
   */
  restoreVersion(canvasId: string, versionId: number, nodeId?: string): Promise<number>;

  /** Changes made elsewhere (another window, the CLI, another tab). Returns an unsubscribe function. */
  onChange(callback: (event: ChangeEvent) => void): () => void;
}
