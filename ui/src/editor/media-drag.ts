import type { MediaKind } from '../canvas/node-specs';

/** Drag data type of a generated output dragged out of its node: dropped on the canvas, it becomes a media node. */
export const MEDIA_DRAG_TYPE = 'application/x-koda-media';

export interface DraggedMedia {
  url: string;
  kind: MediaKind;
  name?: string;
}

export function setDraggedMedia(transfer: DataTransfer, media: DraggedMedia): void {
  transfer.setData(MEDIA_DRAG_TYPE, JSON.stringify(media));
  transfer.effectAllowed = 'copy';
}

/** The output being dropped, or null for anything else (or data that is not one). */
export function readDraggedMedia(transfer: DataTransfer): DraggedMedia | null {
  const raw = transfer.getData(MEDIA_DRAG_TYPE);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<DraggedMedia>;
    if (typeof value.url !== 'string' || !value.url) return null;
    const kind = value.kind === 'video' || value.kind === 'audio' ? value.kind : 'image';
    return { url: value.url, kind, name: typeof value.name === 'string' ? value.name : undefined };
  } catch {
    return null;
  }
}

/** The data of a media node showing an output. */
export function mediaNodeData(media: DraggedMedia): Record<string, unknown> {
  return { url: media.url, type: media.kind, ...(media.name ? { name: media.name } : {}) };
}
