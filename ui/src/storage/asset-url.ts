import { convertFileSrc } from '@tauri-apps/api/core';
import { isTauri } from './select-provider';

/** How the desktop side refers to a stored file (koda-assets' `ASSET_REF_PREFIX`). */
export const ASSET_REF_PREFIX = 'koda-asset://';

const SHA256 = /^[0-9a-f]{64}$/;

/** The SHA-256 in a `koda-asset://<sha256>` reference, or null for anything else. */
export function parseAssetRef(src: string | undefined | null): string | null {
  if (!src?.startsWith(ASSET_REF_PREFIX)) return null;
  const sha = src.slice(ASSET_REF_PREFIX.length).toLowerCase();
  return SHA256.test(sha) ? sha : null;
}

export type AssetVariant = 'asset' | 'thumb-small' | 'thumb-large';

/**
 * A URL an <img> or <video> can load. Plain URLs (data:, http:) pass through; an asset reference
 * becomes an address on the desktop app's `koda://` protocol. In a browser an asset reference
 * has no address of its own (it is a blob in IndexedDB, see `useAssetUrl`), so the result is undefined.
 */
export function assetUrl(
  src: string | undefined | null,
  variant: AssetVariant = 'asset',
  desktop: boolean = isTauri(),
): string | undefined {
  if (!src) return undefined;
  if (!src.startsWith(ASSET_REF_PREFIX)) return src;
  const sha = parseAssetRef(src);
  if (!sha || !desktop) return undefined;
  const path =
    variant === 'asset' ? `asset/${sha}` : `thumb/${sha}/${variant === 'thumb-small' ? 'small' : 'large'}`;
  return convertFileSrc(path, 'koda');
}
