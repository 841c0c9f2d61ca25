/**
 * Versions in IndexedDB (`koda-versions`), kept compactly: a version is a small record listing
 * content-addressed chunks, one per node plus one for the rest of the canvas (name, edges, view…).
 * A node that did not change between versions is stored once and counted (`refs`); forgetting a
 * version frees the chunks no other version uses. Fifty versions of a canvas where one prompt
 * changed each time cost about one canvas plus fifty prompts.
 */
import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { VersionInfo } from '../bindings/VersionInfo';
import { isErrorPayload, storageError } from './errors';
import { newestFirst, versionContent, type NewVersion, type VersionStore } from './version-store';

const DB_NAME = 'koda-versions';
const DB_VERSION = 1;
const VERSIONS = 'versions';
const CHUNKS = 'chunks';

interface VersionRecord extends NewVersion {
  id?: number;
  /** Chunk of the canvas without its nodes. */
  head: string;
  /** One chunk per node, in order. */
  nodes: string[];
}

interface Chunk {
  key: string;
  json: string;
  /** How many places in kept versions use it. */
  refs: number;
}

/** A 64-bit hash of a string (two 32-bit FNV-style passes) and its length: a chunk's key. */
export function chunkKey(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}-${text.length.toString(36)}`;
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
  });
}

function failure(error: unknown) {
  if (isErrorPayload(error)) return error;
  if ((error as DOMException | null)?.name === 'QuotaExceededError')
    return storageError('disk_full', 'Browser storage is full; the version was not kept.');
  return storageError('io', `Version history: ${(error as Error | null)?.message ?? String(error)}`);
}

function info(record: VersionRecord): VersionInfo {
  const { head: _head, nodes: _nodes, ...rest } = record;
  return rest as VersionInfo;
}

export class IndexedDbVersionStore implements VersionStore {
  private db: Promise<IDBDatabase> | null = null;
  private readonly factory: IDBFactory | undefined;

  constructor(factory?: IDBFactory) {
    this.factory = factory ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  }

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      const factory = this.factory;
      if (!factory) return Promise.reject(storageError('io', 'This browser cannot keep versions.'));
      this.db = new Promise<IDBDatabase>((resolve, reject) => {
        const req = factory.open(DB_NAME, DB_VERSION);
        req.onupgradeneeded = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(VERSIONS))
            db.createObjectStore(VERSIONS, { keyPath: 'id', autoIncrement: true }).createIndex(
              'canvasId',
              'canvasId',
            );
          if (!db.objectStoreNames.contains(CHUNKS)) db.createObjectStore(CHUNKS, { keyPath: 'key' });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(failure(req.error));
      });
      this.db.catch(() => (this.db = null));
    }
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, body: (tx: IDBTransaction) => () => T): Promise<T> {
    const db = await this.open();
    try {
      const tx = db.transaction([VERSIONS, CHUNKS], mode);
      const result = body(tx);
      await done(tx);
      return result();
    } catch (error) {
      throw failure(error);
    }
  }

  add(meta: NewVersion, canvas: StoredCanvas): Promise<number> {
    const { nodes, ...rest } = versionContent(canvas);
    const texts = [JSON.stringify(rest), ...nodes.map((n) => JSON.stringify(n))];
    const keys = texts.map(chunkKey);
    // Each distinct chunk once, with how many times this version uses it.
    const uses = new Map<string, { json: string; count: number }>();
    keys.forEach((key, i) => {
      const entry = uses.get(key);
      if (entry) entry.count++;
      else uses.set(key, { json: texts[i], count: 1 });
    });
    const record: VersionRecord = { ...meta, head: keys[0], nodes: keys.slice(1) };
    return this.run('readwrite', (tx) => {
      const chunks = tx.objectStore(CHUNKS);
      for (const [key, { json, count }] of uses) {
        const req = chunks.get(key);
        req.onsuccess = () => {
          const old = req.result as Chunk | undefined;
          chunks.put({ key, json, refs: (old?.refs ?? 0) + count } satisfies Chunk);
        };
      }
      const added = tx.objectStore(VERSIONS).add(record);
      return () => added.result as number;
    });
  }

  async list(canvasId: string): Promise<VersionInfo[]> {
    const records = await this.run('readonly', (tx) => {
      const req = tx.objectStore(VERSIONS).index('canvasId').getAll(canvasId);
      return () => req.result as VersionRecord[];
    });
    return records.map(info).sort(newestFirst);
  }

  async all(): Promise<VersionInfo[]> {
    const records = await this.run('readonly', (tx) => {
      const req = tx.objectStore(VERSIONS).getAll();
      return () => req.result as VersionRecord[];
    });
    return records.map(info);
  }

  get(canvasId: string, id: number): Promise<StoredCanvas | null> {
    return this.run('readonly', (tx) => {
      const texts = new Map<string, string>();
      let record: VersionRecord | undefined;
      const req = tx.objectStore(VERSIONS).get(id);
      req.onsuccess = () => {
        record = req.result as VersionRecord | undefined;
        if (!record || record.canvasId !== canvasId) return;
        const chunks = tx.objectStore(CHUNKS);
        for (const key of new Set([record.head, ...record.nodes])) {
          const chunk = chunks.get(key);
          chunk.onsuccess = () => {
            const found = chunk.result as Chunk | undefined;
            if (found) texts.set(key, found.json);
          };
        }
      };
      return () => {
        if (!record || record.canvasId !== canvasId) return null;
        const part = (key: string) => {
          const json = texts.get(key);
          if (json === undefined) throw storageError('database', `version ${id} is missing a part`);
          return JSON.parse(json);
        };
        return { ...part(record.head), nodes: record.nodes.map(part) } as StoredCanvas;
      };
    });
  }

  remove(canvasId: string, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.run('readwrite', (tx) => {
      const versions = tx.objectStore(VERSIONS);
      const chunks = tx.objectStore(CHUNKS);
      const found: VersionRecord[] = [];
      let waiting = ids.length;
      // Every record is read first, so each chunk is counted down once (two reads of the same
      // chunk before either write would lose one).
      const release = () => {
        const drop = new Map<string, number>();
        for (const record of found) {
          versions.delete(record.id!);
          for (const key of [record.head, ...record.nodes]) drop.set(key, (drop.get(key) ?? 0) + 1);
        }
        for (const [key, count] of drop) {
          const req = chunks.get(key);
          req.onsuccess = () => {
            const chunk = req.result as Chunk | undefined;
            if (!chunk) return;
            if (chunk.refs <= count) chunks.delete(key);
            else chunks.put({ ...chunk, refs: chunk.refs - count });
          };
        }
      };
      for (const id of ids) {
        const req = versions.get(id);
        req.onsuccess = () => {
          const record = req.result as VersionRecord | undefined;
          if (record && record.canvasId === canvasId) found.push(record);
          if (--waiting === 0) release();
        };
      }
      return () => undefined;
    });
  }

  /** How many chunks are stored (for tests: unchanged nodes are shared). */
  chunkCount(): Promise<number> {
    return this.run('readonly', (tx) => {
      const req = tx.objectStore(CHUNKS).count();
      return () => req.result;
    });
  }
}
