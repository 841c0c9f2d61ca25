import { useEffect, useState } from 'react';
import { useApp } from '../app/app-store';
import { assetUrl, parseAssetRef, type AssetVariant } from './asset-url';

export interface AssetUrlState {
  /** What an <img> or <video> can load; undefined while resolving or when it cannot be shown. */
  url: string | undefined;
  /** Still looking for the file (browser mode, IndexedDB). */
  pending: boolean;
}

/**
 * A loadable URL for a node's or card's `src`: plain URLs as they are, `koda-asset://` references
 * through the desktop's koda:// protocol, or (in the browser) as blob: URLs of files in IndexedDB.
 */
export function useAssetUrl(src: string | undefined | null, variant: AssetVariant = 'asset'): AssetUrlState {
  const provider = useApp((s) => s.provider);
  const direct = assetUrl(src, variant);
  const browserRef =
    direct === undefined && parseAssetRef(src) !== null && provider?.resolveAssetUrl ? src! : null;
  const cached = browserRef ? provider?.cachedAssetUrl?.(browserRef) : undefined;
  const [resolved, setResolved] = useState<{ ref: string; url: string | undefined } | null>(null);

  useEffect(() => {
    if (!browserRef || cached || !provider?.resolveAssetUrl) return;
    let live = true;
    provider.resolveAssetUrl(browserRef).then((url) => live && setResolved({ ref: browserRef, url }));
    return () => {
      live = false;
    };
  }, [browserRef, cached, provider]);

  if (!browserRef) return { url: direct, pending: false };
  if (cached) return { url: cached, pending: false };
  if (resolved?.ref === browserRef) return { url: resolved.url, pending: false };
  return { url: undefined, pending: true };
}
