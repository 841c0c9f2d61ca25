import { storageError } from '../storage/errors';
import type { MediaKind } from './node-specs';

/** Files are embedded as data: URLs until asset storage lands; keep canvases a sane size. */
export const MAX_EMBED_BYTES = 8 * 1024 * 1024;

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
