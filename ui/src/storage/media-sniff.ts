import type { MediaKind } from '../canvas/node-specs';

/** What a file really is, judged by its first bytes (never by its name or the browser's guess). */
export interface SniffedMedia {
  mime: string;
  kind: MediaKind;
}

/** Bytes needed from the start of a file to sniff it. */
export const SNIFF_BYTES = 16;

/** Formats Koda shows, for messages. */
export const SUPPORTED_MEDIA = 'PNG, JPEG, GIF, WebP, MP4 or WebM';

/** ISO-BMFF brands that hold still images (AVIF, HEIF), not MP4 video. */
const IMAGE_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1']);

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);

export function sniffMedia(head: Uint8Array): SniffedMedia | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', kind: 'image' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', kind: 'image' };
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')
    return { mime: 'image/gif', kind: 'image' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP')
    return { mime: 'image/webp', kind: 'image' };
  if (head.length >= 12 && ascii(head, 4, 4) === 'ftyp')
    return IMAGE_BRANDS.has(ascii(head, 8, 4)) ? null : { mime: 'video/mp4', kind: 'video' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { mime: 'video/webm', kind: 'video' };
  return null;
}
