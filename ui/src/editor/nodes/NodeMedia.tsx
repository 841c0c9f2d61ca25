import type { MediaKind } from '../../canvas/node-specs';
import { Icon } from '../../components/Icon';
import { useMediaUrl } from '../../storage/use-media-url';
import { usePlayableUrl } from '../../storage/use-playable-url';
import { useEditor } from '../editor-store';

interface MediaViewProps {
  url: string | undefined;
  kind: MediaKind;
  nodeId: string;
  alt?: string;
  /** A still shown before a video plays (`thumbnailUrl`). */
  poster?: string;
  className?: string;
}

/**
 * An image, video or sound from node data, whatever its URL (asset, data:, remote): loading, a
 * reason with Retry when a remote file could not be fetched (this node only), or the media.
 */
export function MediaView({ url, kind, nodeId, alt, poster, className = '' }: MediaViewProps) {
  const canvasId = useEditor.getState().canvasId;
  const state = useMediaUrl(url, { canvasId, nodeId });
  const posterState = useMediaUrl(kind === 'video' ? poster : undefined, { canvasId, nodeId });
  const shownKind = state.status === 'ready' ? (state.kind ?? kind) : kind;
  const playable = usePlayableUrl(state.status === 'ready' && shownKind !== 'image' ? state.url : undefined);
  if (state.status === 'empty') return null;
  if (state.status === 'loading')
    return (
      <div
        className={`media-view media-view--loading ${className}`}
        aria-busy="true"
        aria-label="Loading media"
      />
    );
  if (state.status === 'error') {
    return (
      <div
        className={`media-view media-view--message ${className}`}
        data-testid="media-error"
        data-code={state.code}
      >
        <Icon name="alert" size={16} strokeWidth={1.8} />
        <span className="media-view__text">{state.message}</span>
        <button
          type="button"
          className="btn btn--ghost btn--sm nodrag"
          data-testid="media-retry"
          onClick={state.retry}
        >
          Retry
        </button>
      </div>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <div className={`media-view media-view--message ${className}`} data-testid="media-unavailable">
        <Icon name="cloudOff" size={16} strokeWidth={1.8} />
        <span className="media-view__text">{state.message}</span>
      </div>
    );
  }
  // A mirrored file says what it really is; a media node's `type` may be older than its file.
  const shown = state.kind ?? kind;
  if (shown === 'video') {
    return (
      <video
        className={`media-view media-view__video nodrag ${className}`}
        src={playable.url}
        poster={posterState.status === 'ready' ? posterState.url : undefined}
        controls
        muted
        playsInline
        preload="metadata"
        data-testid="node-video"
      />
    );
  }
  if (shown === 'audio')
    return (
      <audio
        className={`media-view__audio nodrag ${className}`}
        src={playable.url}
        controls
        preload="metadata"
        data-testid="node-audio"
      />
    );
  return (
    <img
      className={`media-view media-view__image ${className}`}
      src={state.url}
      alt={alt ?? 'Image'}
      draggable={false}
      data-testid="node-image"
    />
  );
}
