import { ASSET_REF_PREFIX } from '../storage/asset-url';
import { storageError } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import type { MediaKind } from './node-specs';

/** In a browser, files are embedded as data: URLs; keep canvases a sane size. */
export const MAX_EMBED_BYTES = 8 * 1024 * 1024;
/** On desktop, files go to the asset store on disk. */
export const MAX_ASSET_BYTES = 512 * 1024 * 1024;

export interface MediaData {
  src: string;
  kind: MediaKind;
  filename: string;
}

export function mediaKindOfFile(file: Pick<File, 'type'>): MediaKind | null {
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  return null;
}

/** Reads an image or video file into node data; rejects with `{code, message}` for anything else. */
export function readMediaFile(file: File): Promise<MediaData> {
  const kind = mediaKindOfFile(file);
  if (!kind) return Promise.reject(storageError('invalid_input', 'Drop an image or a video file.'));
  if (file.size > MAX_EMBED_BYTES) return Promise.reject(storageError('too_large', `“${file.name}” is over 8 MB; use a smaller file for now.`));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ src: String(reader.result), kind, filename: file.name });
    reader.onerror = () => reject(storageError('io', `Could not read “${file.name}”.`));
    reader.readAsDataURL(file);
  });
}

/**
 * Takes a dropped file for a media node: into the desktop asset store when the backend has one
 * (the node keeps a `koda-asset://` reference), else embedded as a data: URL.
 */
export async function storeMediaFile(
  file: File,
  provider: Pick<StorageProvider, 'addAsset'>,
  owner: { canvasId?: string; nodeId?: string } = {},
): Promise<MediaData> {
  const kind = mediaKindOfFile(file);
  if (!provider.addAsset || !kind) return readMediaFile(file);
  if (file.size > MAX_ASSET_BYTES) throw storageError('too_large', `“${file.name}” is over 512 MB.`);
  const bytes = await readBytes(file);
  const record = await provider.addAsset(bytes, { filename: file.name, ...owner });
  if (!record.localBlobKey) throw storageError('io', `“${file.name}” was not stored.`);
  return { src: `${ASSET_REF_PREFIX}${record.localBlobKey}`, kind, filename: file.name };
}

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(storageError('io', `Could not read “${file.name}”.`));
    reader.readAsArrayBuffer(file);
  });
}
