import type { NodeProps } from '@xyflow/react';
import { memo, useRef, useState } from 'react';
import { useProvider } from '../../app/app-store';
import { describeMediaUrl } from '../../canvas/node-content';
import { readString } from '../../canvas/node-data';
import { mediaKindOf } from '../../canvas/node-specs';
import { Icon } from '../../components/Icon';
import { showToast } from '../../components/toast-store';
import { describeError, toErrorPayload } from '../../storage/errors';
import { storeMediaFile } from '../media-file';
import { useEditor } from '../editor-store';
import type { KodaNode } from '../persisted';
import { MediaView } from './NodeMedia';
import { NodeCard } from './NodeCard';

const ICONS = { image: 'image', video: 'video', audio: 'music' } as const;

/** An image, video or sound brought in: `url` (asset, data: or remote) of kind `type`. */
export const MediaNode = memo(function MediaNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData } = useEditor.getState();
  const provider = useProvider();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const kind = mediaKindOf(data);
  const url = readString(data, 'url') || undefined;
  // Media the desktop app kept before it used Koda web's model carried a `filename`.
  const caption =
    readString(data, 'name') || readString(data, 'filename') || describeMediaUrl(url) || 'No file yet';

  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      const media = await storeMediaFile(file, provider, {
        canvasId: useEditor.getState().canvasId ?? undefined,
        nodeId: id,
      });
      updateNodeData(id, { ...media });
    } catch (raw) {
      showToast({ message: describeError(toErrorPayload(raw)), tone: 'error' });
    }
  };

  return (
    <NodeCard
      id={id}
      type="media"
      data={data}
      selected={selected}
      icon={ICONS[kind]}
      fallbackTitle={readString(data, 'filename') || 'Media'}
      minWidth={180}
      minHeight={150}
      headerExtra={
        url ? (
          <button
            type="button"
            className="knode__header-button nodrag"
            aria-label="Remove media"
            title="Remove media"
            onClick={() => updateNodeData(id, { url: undefined })}
          >
            <Icon name="close" size={12} />
          </button>
        ) : undefined
      }
    >
      <div
        className={`knode__body media-drop${over ? ' is-over' : ''}${url ? ' has-media' : ''}`}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setOver(true);
          }
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          e.stopPropagation();
          setOver(false);
          void take(e.dataTransfer.files[0]);
        }}
      >
        {url ? (
          <MediaView url={url} kind={kind} nodeId={id} alt={caption} className="media-drop__media" />
        ) : (
          <div className="media-drop__empty" data-testid="media-empty">
            <Icon name="upload" size={22} strokeWidth={1.5} />
            <span className="media-drop__title">Drop media here</span>
            <button
              type="button"
              className="btn btn--ghost btn--sm nodrag"
              onClick={() => input.current?.click()}
            >
              or choose a file
            </button>
            <input
              ref={input}
              type="file"
              accept="image/*,video/*"
              hidden
              onChange={(e) => void take(e.target.files?.[0])}
            />
          </div>
        )}
      </div>
      <p className="media-caption" data-testid="node-words" title={url ?? ''}>
        {caption}
      </p>
    </NodeCard>
  );
});
