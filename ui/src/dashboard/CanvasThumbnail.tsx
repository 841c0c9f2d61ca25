import { useState } from 'react';
import { useMediaUrl } from '../storage/use-media-url';
import { placeholderGradient } from './placeholder';

interface CanvasThumbnailProps {
  id: string;
  thumbnail?: string;
  small?: boolean;
}

/**
 * The picture on a card: the canvas's first image or its painted layout (see
 * `thumbnails/canvas-image.ts`), loaded the way nodes load media (kept files through the asset
 * store, remote images through the backend), else a generated gradient with a node glyph.
 */
export function CanvasThumbnail({ id, thumbnail, small }: CanvasThumbnailProps) {
  const media = useMediaUrl(thumbnail, { canvasId: id });
  const src = media.status === 'ready' ? media.url : undefined;
  // A thumbnail that cannot load (file gone, offline) falls back to the placeholder.
  const [failed, setFailed] = useState<string | null>(null);
  const showImage = src !== undefined && failed !== src;
  return (
    <div
      className={`thumb${small ? ' thumb--small' : ''}`}
      style={{ backgroundImage: placeholderGradient(id) }}
    >
      {showImage ? (
        <img className="thumb__image" src={src} alt="" draggable={false} onError={() => setFailed(src)} />
      ) : (
        <svg className="thumb__glyph" viewBox="0 0 64 40" aria-hidden="true">
          <path
            d="M22 12 C32 12 30 28 42 28"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeOpacity=".7"
          />
          <rect
            x="6"
            y="5"
            width="18"
            height="14"
            rx="3.5"
            fill="currentColor"
            fillOpacity=".22"
            stroke="currentColor"
            strokeWidth="1.4"
          />
          <rect
            x="40"
            y="21"
            width="18"
            height="14"
            rx="3.5"
            fill="currentColor"
            fillOpacity=".22"
            stroke="currentColor"
            strokeWidth="1.4"
          />
          <circle cx="24" cy="12" r="2.2" fill="currentColor" />
          <circle cx="40" cy="28" r="2.2" fill="currentColor" />
        </svg>
      )}
    </div>
  );
}
