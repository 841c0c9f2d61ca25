import type { AssetRecord } from '../bindings/AssetRecord';
import { MAX_ASSET_BYTES } from './asset-limits';
import { storageError } from './errors';
import { newId } from './ids';
import { sniffMedia, SNIFF_BYTES, SUPPORTED_MEDIA } from './media-sniff';
import { sha256Hex } from './sha256';

const DB_NAME = 'koda-assets';
const DB_VERSION = 1;
const STORE = 'blobs';

/** One file as IndexedDB keeps it: the bytes under their SHA-256, like the desktop asset folder. */
interface StoredBlob {
  sha256: string;
  bytes: ArrayBuffer;
  mimeType: string;
  size: number;
  filename?: string;
  createdAt: number;
}

export interface BrowserAssetStoreOptions {
  indexedDB?: IDBFactory;
  now?: () => number;
  /** Blobs younger than this are never collected: their node may not be saved yet. */
  graceMs?: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
  });
}

function asPayload(error: unknown, what: string) {
  const name = (error as DOMException | null)?.name;
  if (name === 'QuotaExceededError')
    return storageError('disk_full', 'Browser storage is full; the file was not stored.');
  return storageError('io', `${what}: ${(error as Error | null)?.message ?? String(error)}`);
}

/**
 * The browser's asset store: media files as blobs in IndexedDB, keyed by SHA-256 (identical
 * bytes are stored once), typed by sniffing their bytes, at most 512 MB each. Nodes refer to
 * them as `koda-asset://<sha256>`, as on desktop.
 */
export class BrowserAssetStore {
  private db: Promise<IDBDatabase> | null = null;
  private readonly factory: IDBFactory | undefined;
  private readonly now: () => number;
  private readonly graceMs: number;

  constructor(options: BrowserAssetStoreOptions = {}) {
    this.factory = options.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
    this.now = options.now ?? Date.now;
    this.graceMs = options.graceMs ?? 10 * 60_000;
  }

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const factory = this.factory;
      if (!factory)
        return Promise.reject(storageError('io', 'This browser cannot store files (no IndexedDB).'));
      this.db = new Promise<IDBDatabase>((resolve, reject) => {
        const req = factory.open(DB_NAME, DB_VERSION);
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains(STORE))
            req.result.createObjectStore(STORE, { keyPath: 'sha256' });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(asPayload(req.error, 'Could not open browser storage'));
      });
      // A failed open may succeed later (e.g. after the person frees space).
      this.db.catch(() => (this.db = null));
    }
    return this.db;
  }

  /** Stores a file; rejects with `too_large` or `invalid_input` (not an image or video Koda shows). */
  async add(
    bytes: Uint8Array,
    meta: { filename: string; canvasId?: string; nodeId?: string },
  ): Promise<AssetRecord> {
    if (bytes.length > MAX_ASSET_BYTES) throw storageError('too_large', `“${meta.filename}” is over 512 MB.`);
    const media = sniffMedia(bytes.subarray(0, SNIFF_BYTES));
    if (!media)
      throw storageError(
        'invalid_input',
        `“${meta.filename}” is not an image or a video Koda can show (${SUPPORTED_MEDIA}).`,
      );
    const sha256 = await sha256Hex(bytes);
    const record: AssetRecord = {
      id: newId(),
      canvasId: meta.canvasId,
      nodeId: meta.nodeId,
      type: media.kind,
      filename: meta.filename,
      mimeType: media.mime,
      sizeBytes: bytes.length,
      localBlobKey: sha256,
      createdAt: this.now(),
    };
    const db = await this.open();
    try {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const existing = await request(store.getKey(sha256));
      if (existing === undefined) {
        // The file's own buffer when the view covers all of it (no second copy of a big video).
        const whole =
          bytes.byteOffset === 0 &&
          bytes.byteLength === bytes.buffer.byteLength &&
          bytes.buffer instanceof ArrayBuffer;
        const buffer = whole ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
        const blob: StoredBlob = {
          sha256,
          bytes: buffer,
          mimeType: media.mime,
          size: bytes.length,
          filename: meta.filename,
          createdAt: record.createdAt,
        };
        store.put(blob);
      }
      await done(tx);
    } catch (error) {
      throw asPayload(error, `Could not store “${meta.filename}”`);
    }
    return record;
  }

  /** The file under `sha256` with its sniffed type, or null when this browser does not have it. */
  async getBytes(sha256: string): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
    const db = await this.open();
    const stored = await request<StoredBlob | undefined>(
      db.transaction(STORE, 'readonly').objectStore(STORE).get(sha256),
    );
    return stored ? { bytes: new Uint8Array(stored.bytes), mimeType: stored.mimeType } : null;
  }

  /** The file under `sha256` as a Blob of its sniffed type, or null when this browser does not have it. */
  async getBlob(sha256: string): Promise<Blob | null> {
    const file = await this.getBytes(sha256);
    return file ? new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }) : null;
  }

  /** Every stored SHA-256. */
  async keys(): Promise<string[]> {
    const db = await this.open();
    return (await request(db.transaction(STORE, 'readonly').objectStore(STORE).getAllKeys())).map(String);
  }

  /**
   * Deletes files nothing refers to any more, except recent ones (their node may not be saved
   * yet). Returns how many were deleted.
   */
  async removeUnreferenced(referenced: ReadonlySet<string>): Promise<number> {
    const db = await this.open();
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const all = await request<StoredBlob[]>(store.getAll());
    const doomed = all.filter(
      (blob) => !referenced.has(blob.sha256) && this.now() - blob.createdAt > this.graceMs,
    );
    for (const blob of doomed) store.delete(blob.sha256);
    await done(tx);
    return doomed.length;
  }
}
