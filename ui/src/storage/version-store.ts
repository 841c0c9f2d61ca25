/**
 * Where the browser keeps versions of canvases (browser-history.ts decides which). Two stores:
 * IndexedDB (version-store-indexeddb.ts, the real one) and this file's in-memory one, for tests
 * and for browsers without IndexedDB.
 */
import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { VersionInfo } from '../bindings/VersionInfo';

/** A version before the store gave it an id. */
export type NewVersion = Omit<VersionInfo, 'id'>;

export interface VersionStore {
  /** Keeps a version of a canvas; resolves with its id (unique, increasing). */
  add(info: NewVersion, canvas: StoredCanvas): Promise<number>;
  /** A canvas's versions, newest first. */
  list(canvasId: string): Promise<VersionInfo[]>;
  /** Every version of every canvas (for caps), in no particular order. */
  all(): Promise<VersionInfo[]>;
  /** The canvas as the version shows it; null when there is no such version of that canvas. */
  get(canvasId: string, id: number): Promise<StoredCanvas | null>;
  /** Forgets versions (of that canvas only). */
  remove(canvasId: string, ids: readonly number[]): Promise<void>;
}

/** Newest first: by time, then by id (kept later). */
export function newestFirst(a: VersionInfo, b: VersionInfo): number {
  return b.at - a.at || b.id - a.id;
}

/**
 * What a version keeps of a canvas: everything but the thumbnail (a picture of the current
 * canvas, and in the browser a data: URL).
 */
export function versionContent(canvas: StoredCanvas): StoredCanvas {
  const { thumbnail: _thumbnail, ...content } = canvas;
  return structuredClone({ ...content, nodes: content.nodes ?? [], edges: content.edges ?? [] });
}

/** Versions in memory: lost on reload. */
export class MemoryVersionStore implements VersionStore {
  private nextId = 1;
  private readonly versions = new Map<number, { info: VersionInfo; canvas: StoredCanvas }>();

  async add(info: NewVersion, canvas: StoredCanvas): Promise<number> {
    const id = this.nextId++;
    this.versions.set(id, { info: { ...info, id }, canvas: versionContent(canvas) });
    return id;
  }

  async list(canvasId: string): Promise<VersionInfo[]> {
    return (await this.all()).filter((v) => v.canvasId === canvasId).sort(newestFirst);
  }

  async all(): Promise<VersionInfo[]> {
    return [...this.versions.values()].map((v) => ({ ...v.info }));
  }

  async get(canvasId: string, id: number): Promise<StoredCanvas | null> {
    const kept = this.versions.get(id);
    return kept && kept.info.canvasId === canvasId ? structuredClone(kept.canvas) : null;
  }

  async remove(canvasId: string, ids: readonly number[]): Promise<void> {
    for (const id of ids) if (this.versions.get(id)?.info.canvasId === canvasId) this.versions.delete(id);
  }
}
