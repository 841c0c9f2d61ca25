import { ASSET_REF_PREFIX } from '../storage/asset-url';
import { MAX_ASSET_BYTES } from '../storage/asset-limits';
import { bytesToDataUrl } from '../storage/data-url';
import { storageError } from '../storage/errors';
import { sniffMedia, SNIFF_BYTES, SUPPORTED_MEDIA } from '../storage/media-sniff';
import type { StorageProvider } from '../storage/types';
import type { MediaKind } from '../canvas/node-specs';

/** Without an asset store, files are embedded as data: URLs; keep canvases a sane size. */
export const MAX_EMBED_BYTES = 8 * 1024 * 1024;

/** A media node's data for a file, in Koda web's fields. */
export interface MediaData {
  url: string;
  type: MediaKind;
  name: string;
}

/**
 * Takes a dropped or chosen file for a media node. Its type is sniffed from its bytes (PNG,
 * JPEG, GIF, WebP, MP4, WebM), never taken from its name; anything else, or anything over 512 MB,
 * is refused with `{code, message}` saying why. The file goes to the backend's asset store (disk
 * on desktop, IndexedDB in the browser) and the node keeps a `koda-asset://` reference; a backend
 * without one gets it embedded as a data: URL (8 MB at most).
 */
export async function storeMediaFile(
  file: File,
  provider: Pick<StorageProvider, 'addAsset'>,
  owner: { canvasId?: string; nodeId?: string } = {},
): Promise<MediaData> {
  if (file.size > MAX_ASSET_BYTES) throw storageError('too_large', `“${file.name}” is over 512 MB.`);
  const media = sniffMedia(await readBytes(file.slice(0, SNIFF_BYTES), file.name));
  if (!media)
    throw storageError(
      'invalid_input',
      `“${file.name}” is not an image or a video Koda can show (${SUPPORTED_MEDIA}).`,
    );
  if (!provider.addAsset) {
    if (file.size > MAX_EMBED_BYTES)
      throw storageError('too_large', `“${file.name}” is over 8 MB; use a smaller file for now.`);
    return {
      url: bytesToDataUrl(await readBytes(file, file.name), media.mime),
      type: media.kind,
      name: file.name,
    };
  }
  const record = await provider.addAsset(await readBytes(file, file.name), { filename: file.name, ...owner });
  if (!record.localBlobKey) throw storageError('io', `“${file.name}” was not stored.`);
  return { url: `${ASSET_REF_PREFIX}${record.localBlobKey}`, type: media.kind, name: file.name };
}

function readBytes(blob: Blob, name: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(storageError('io', `Could not read “${name}”.`));
    reader.readAsArrayBuffer(blob);
  });
}
