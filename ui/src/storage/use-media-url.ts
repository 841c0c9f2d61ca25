import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { AssetKind } from '../bindings/AssetKind';
import { useApp } from '../app/app-store';
import { parseAssetRef } from './asset-url';
import { isRemoteUrl, remoteMediaCache, type RemoteMediaCache } from './remote-media';
import { useAssetUrl } from './use-asset-url';

/** A node's media URL, made loadable. */
export type MediaUrlState =
  | { status: 'empty' }
  | { status: 'loading' }
  | { status: 'ready'; url: string; kind?: AssetKind }
  /** Could not be fetched (remote URLs); `retry` asks again. */
  | { status: 'error'; code: string; message: string; retry: () => void }
  /** Nothing to load here: a file another device keeps, a template path, a placeholder. */
  | { status: 'unavailable'; message: string };

const noCache = { get: () => undefined, subscribe: () => () => {} } as unknown as RemoteMediaCache;

/**
 * What an <img>, <video> or <audio> loads for a URL stored in node data, which stays untouched:
 * `data:`/`blob:` URLs as they are, `koda-asset://` files through the asset store, and remote
 * http(s) URLs through the backend (mirrored on desktop, so the WebView makes no request itself;
 * once per URL per session).
 */
export function useMediaUrl(
  url: string | undefined,
  owner: { canvasId?: string | null; nodeId?: string },
): MediaUrlState {
  const provider = useApp((s) => s.provider);
  const cache = provider ? remoteMediaCache(provider) : noCache;
  const remote = isRemoteUrl(url) ? url : undefined;
  const asset = useAssetUrl(parseAssetRef(url) ? url : undefined);
  const subscribe = useCallback((listener: () => void) => cache.subscribe(listener), [cache]);
  const entry = useSyncExternalStore(subscribe, () => (remote ? cache.get(remote) : undefined));
  const canvasId = owner.canvasId ?? undefined;
  const nodeId = owner.nodeId;

  useEffect(() => {
    if (remote && provider) cache.request(remote, { canvasId, nodeId });
  }, [remote, provider, cache, canvasId, nodeId]);

  if (!url) return { status: 'empty' };
  if (url.startsWith('data:') || url.startsWith('blob:')) return { status: 'ready', url };
  if (parseAssetRef(url)) {
    if (asset.url) return { status: 'ready', url: asset.url };
    if (asset.pending) return { status: 'loading' };
    return { status: 'unavailable', message: 'This file is kept by Koda Desktop on another device.' };
  }
  if (remote) {
    if (!entry || entry.status === 'loading') return { status: 'loading' };
    if (entry.status === 'ready') return { status: 'ready', url: entry.media.url, kind: entry.media.kind };
    return {
      status: 'error',
      code: entry.error.code,
      message: entry.error.message,
      retry: () => cache.retry(remote, { canvasId, nodeId }),
    };
  }
  if (url.startsWith('cached:'))
    return { status: 'unavailable', message: 'Not available yet: Koda web was still preparing this file.' };
  if (url.startsWith('/'))
    return { status: 'unavailable', message: `Part of Koda web’s built-in files (${url}).` };
  return { status: 'unavailable', message: `Koda cannot load this address (${url.slice(0, 60)}).` };
}
