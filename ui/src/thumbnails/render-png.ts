import { layoutThumbnail, type LayoutOptions, type PictureEdge, type PictureNode } from './layout';
import { paintThumbnail } from './painter';

/** Dashboard card thumbnails, stored as assets on desktop. */
export const THUMBNAIL_SIZE = { width: 640, height: 400 };

/**
 * Renders a canvas as PNG bytes with a 2D canvas (boxes in their kinds' colours, edges, dark
 * background). Null for an empty canvas, or where there is no 2D canvas (tests).
 */
export async function renderCanvasPng(
  nodes: readonly PictureNode[],
  edges: readonly PictureEdge[],
  options: LayoutOptions,
): Promise<Uint8Array | null> {
  const scene = layoutThumbnail(nodes, edges, options);
  if (!scene) return null;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(scene.width);
  canvas.height = Math.round(scene.height);
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    ctx = null;
  }
  if (!ctx) return null;
  paintThumbnail(ctx, scene);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
}
