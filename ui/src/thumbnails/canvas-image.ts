import { parseAssetRef } from '../storage/asset-url';
import type { StorageProvider } from '../storage/types';
import { renderCanvasPng } from './render-png';
import type { PictureEdge, PictureNode } from './layout';

/**
 * A canvas's card picture is its first real image when it has one (a media node's image, an
 * image generator's output; a video's poster frame as a last resort), else the painted layout.
 */

/** Whether a stored media URL can be a card picture: a kept file, a remote image, an inline image. */
function usable(url: unknown): url is string {
  if (typeof url !== 'string' || url === '') return false;
  if (parseAssetRef(url)) return true;
  if (/^https?:\/\//i.test(url)) return true;
  return /^data:image\//i.test(url);
}

function str(data: Record<string, unknown> | undefined, key: string): unknown {
  return data?.[key];
}

/** The image a node shows, if any (Koda web's fields; an old desktop media node's too). */
export function nodeImage(node: Pick<PictureNode, 'type' | 'data'>): string | undefined {
  const data = node.data;
  switch (node.type) {
    case 'media': {
      const type = str(data, 'type') ?? (str(data, 'kind') === 'video' ? 'video' : 'image');
      if (type !== 'image') return undefined;
      const url = str(data, 'url') ?? str(data, 'src');
      return usable(url) ? url : undefined;
    }
    case 'imageGenerator': {
      const first = str(data, 'outputUrl');
      if (usable(first)) return first;
      const all = str(data, 'outputUrls');
      return Array.isArray(all) ? all.find(usable) : undefined;
    }
    default:
      return undefined;
  }
}

/** The canvas's first image in node order, else the first video poster; undefined for neither. */
export function firstCanvasImage(nodes: readonly Pick<PictureNode, 'type' | 'data'>[]): string | undefined {
  for (const node of nodes) {
    const image = nodeImage(node);
    if (image) return image;
  }
  for (const node of nodes) {
    if (node.type !== 'videoGenerator') continue;
    const poster = str(node.data, 'thumbnailUrl');
    if (usable(poster)) return poster;
  }
  return undefined;
}

/**
 * Draws an inline (data:) image cropped to the card's shape, as PNG bytes: a multi-megabyte
 * image must not become the canvas's `thumbnail` as it is. Null where it cannot be drawn.
 */
export async function renderImagePng(
  src: string,
  size: { width: number; height: number },
): Promise<Uint8Array | null> {
  if (typeof Image === 'undefined' || typeof document === 'undefined') return null;
  const image = new Image();
  image.decoding = 'async';
  image.src = src;
  try {
    await image.decode();
  } catch {
    return null;
  }
  if (!image.naturalWidth || !image.naturalHeight) return null;
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    ctx = null;
  }
  if (!ctx) return null;
  const scale = Math.max(size.width / image.naturalWidth, size.height / image.naturalHeight);
  const width = image.naturalWidth * scale;
  const height = image.naturalHeight * scale;
  ctx.drawImage(image, (size.width - width) / 2, (size.height - height) / 2, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
}

export interface ThumbnailPicture {
  nodes: readonly PictureNode[];
  edges: readonly PictureEdge[];
}

type ThumbnailProvider = Pick<StorageProvider, 'setThumbnail' | 'setThumbnailImage' | 'thumbnailSize'> &
  Partial<Pick<StorageProvider, 'showRemoteMedia'>>;

/**
 * Stores a canvas's card picture and resolves with its new `thumbnail` (null: cleared, for an
 * empty canvas; undefined: nothing could be made). The first image wins: a kept file
 * (`koda-asset://`) or a remote URL is the thumbnail as it is (the card loads it the way nodes
 * do; a remote one only once the backend could fetch it), an inline image is drawn small.
 * Otherwise, or when the image fails, the painted layout.
 */
export async function storeCanvasThumbnail(
  provider: ThumbnailProvider,
  canvasId: string,
  picture: ThumbnailPicture,
): Promise<string | null | undefined> {
  if (picture.nodes.length === 0) {
    await provider.setThumbnail(canvasId, null);
    return null;
  }
  const image = firstCanvasImage(picture.nodes);
  if (image && image.startsWith('data:')) {
    const png = await renderImagePng(image, provider.thumbnailSize);
    if (png) return provider.setThumbnailImage(canvasId, png);
  } else if (image) {
    const reachable = !/^https?:/i.test(image) || (await canShow(provider, image, canvasId));
    if (reachable) {
      await provider.setThumbnail(canvasId, image);
      return image;
    }
  }
  const png = await renderCanvasPng(picture.nodes, picture.edges, provider.thumbnailSize);
  return png ? provider.setThumbnailImage(canvasId, png) : undefined;
}

/** Whether the backend can show a remote image (the desktop app mirrors it first). */
async function canShow(provider: ThumbnailProvider, url: string, canvasId: string): Promise<boolean> {
  if (!provider.showRemoteMedia) return false;
  try {
    const shown = await provider.showRemoteMedia(url, { canvasId });
    return shown.kind === undefined || shown.kind === 'image';
  } catch {
    return false;
  }
}
