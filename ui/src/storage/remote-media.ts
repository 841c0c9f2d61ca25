import type { ErrorPayload } from '../bindings/ErrorPayload';
import { toErrorPayload } from './errors';
import type { MediaOwner, ShownRemoteMedia, StorageProvider } from './types';

/** Where one remote URL stands this session. */
export type RemoteMediaEntry =
  | { status: 'loading' }
  | { status: 'ready'; media: ShownRemoteMedia }
  | { status: 'failed'; error: ErrorPayload };

/** Whether a media URL is remote (the desktop app mirrors those instead of loading them). */
export function isRemoteUrl(url: string | undefined | null): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

/**
 * Remote media URLs made loadable through the backend (`StorageProvider.showRemoteMedia`), asked
 * for once per URL for the life of the page: every node showing the same URL shares the answer,
 * failures included, until someone presses Retry. Listeners hear of every change.
 */
export class RemoteMediaCache {
  private readonly entries = new Map<string, RemoteMediaEntry>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly show: (url: string, owner: MediaOwner) => Promise<ShownRemoteMedia>) {}

  get(url: string): RemoteMediaEntry | undefined {
    return this.entries.get(url);
  }

  /** Asks the backend for `url` unless it was asked already (the first node to ask is its owner). */
  request(url: string, owner: MediaOwner): void {
    if (this.entries.has(url)) return;
    this.load(url, owner);
  }

  /** Asks again for a URL that failed. */
  retry(url: string, owner: MediaOwner): void {
    if (this.entries.get(url)?.status !== 'failed') return;
    this.load(url, owner);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private load(url: string, owner: MediaOwner): void {
    this.set(url, { status: 'loading' });
    this.show(url, owner).then(
      (media) => this.set(url, { status: 'ready', media }),
      (error) => this.set(url, { status: 'failed', error: toErrorPayload(error) }),
    );
  }

  private set(url: string, entry: RemoteMediaEntry): void {
    this.entries.set(url, entry);
    for (const listener of this.listeners) listener();
  }
}

const caches = new WeakMap<StorageProvider, RemoteMediaCache>();

/** The session's cache for a backend. */
export function remoteMediaCache(provider: StorageProvider): RemoteMediaCache {
  let cache = caches.get(provider);
  if (!cache) {
    cache = new RemoteMediaCache((url, owner) => provider.showRemoteMedia(url, owner));
    caches.set(provider, cache);
  }
  return cache;
}
