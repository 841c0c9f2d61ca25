import type { StoredCanvas } from '../bindings/StoredCanvas';
import { parseAssetRef } from './asset-url';
import { bytesToDataUrl } from './data-url';

export type AssetBytesSource = (sha256: string) => Promise<{ bytes: Uint8Array; mimeType: string } | null>;

/** Every `koda-asset://` reference in a JSON text (canvases, node data …), as SHA-256s. */
export function referencedAssets(json: string): Set<string> {
  return new Set([...json.matchAll(/koda-asset:\/\/([0-9a-fA-F]{64})/g)].map((m) => m[1].toLowerCase()));
}

/**
 * Canvases with every `koda-asset://` reference in node data replaced by a data: URL of the file,
 * so an exported file carries its media (the desktop import turns them back into assets).
 * References to files this browser does not have stay as they are.
 */
export async function inlineAssets(
  canvases: StoredCanvas[],
  read: AssetBytesSource,
): Promise<StoredCanvas[]> {
  const urls = new Map<string, string | null>();
  for (const sha of referencedAssets(JSON.stringify(canvases.map((c) => c.nodes)))) {
    const file = await read(sha);
    urls.set(sha, file ? bytesToDataUrl(file.bytes, file.mimeType) : null);
  }
  if (urls.size === 0) return canvases;
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const sha = parseAssetRef(value);
      return (sha && urls.get(sha)) || value;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    return value;
  };
  return canvases.map((canvas) => ({
    ...canvas,
    nodes: canvas.nodes.map((node) => ({ ...node, data: replace(node.data) as Record<string, unknown> })),
  }));
}
