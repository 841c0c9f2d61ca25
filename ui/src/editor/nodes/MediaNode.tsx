import type { NodeProps } from '@xyflow/react';
import { memo, useRef, useState } from 'react';
import { useProvider } from '../../app/app-store';
import { Icon } from '../../components/Icon';
import { showToast } from '../../components/toast-store';
import { describeError, toErrorPayload } from '../../storage/errors';
import { useAssetUrl } from '../../storage/use-asset-url';
import { storeMediaFile } from '../media-file';
import { useEditor } from '../editor-store';
import { mediaKindOf, outputsOf } from '../node-specs';
import type { KodaNode } from '../persisted';
import { NodeFrame } from './NodeFrame';
import { PortRows } from './TypedHandle';

export const MediaNode = memo(function MediaNode({ id, data, selected }: NodeProps<KodaNode>) {
  const { updateNodeData } = useEditor.getState();
  const provider = useProvider();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const kind = mediaKindOf(data);
  // Files are kept as assets (koda-asset://…: on disk on desktop, in IndexedDB in the browser).
  const stored = typeof data.src === 'string' ? data.src : undefined;
  const asset = useAssetUrl(stored);
  const src = asset.url ?? '';
  const unreachable = Boolean(stored) && !src && !asset.pending;

  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      const media = await storeMediaFile(file, provider, { canvasId: useEditor.getState().canvasId ?? undefined, nodeId: id });
      updateNodeData(id, { ...media });
    } catch (raw) {
      showToast({ message: describeError(toErrorPayload(raw)), tone: 'error' });
    }
  };

  return (
    <NodeFrame
      kind="media"
      title={typeof data.filename === 'string' ? data.filename : 'Media'}
      icon="media"
      selected={selected}
      minWidth={180}
      minHeight={150}
      headerExtra={
        src ? (
          <button type="button" className="knode__header-button nodrag" aria-label="Remove media" title="Remove media" onClick={() => updateNodeData(id, { src: undefined, filename: undefined })}>
            <Icon name="close" size={12} />
          </button>
        ) : undefined
      }
    >
      <PortRows inputs={[]} outputs={outputsOf('media', data)} />
      <div
        className={`knode__body media-drop${over ? ' is-over' : ''}${src ? ' has-media' : ''}`}
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
        {src && kind === 'image' && <img className="media-drop__media" src={src} alt={typeof data.filename === 'string' ? data.filename : 'Media'} draggable={false} />}
        {src && kind === 'video' && <video className="media-drop__media nodrag" src={src} controls muted />}
        {unreachable && (
          <div className="media-drop__empty">
            <Icon name="database" size={22} strokeWidth={1.5} />
            <span className="media-drop__title">Stored in Koda Desktop</span>
            <span>Open this canvas in the desktop app to see it</span>
          </div>
        )}
        {!src && !unreachable && (
          <div className="media-drop__empty" data-testid="media-empty">
            <Icon name="upload" size={22} strokeWidth={1.5} />
            <span className="media-drop__title">Drop media here</span>
            <button type="button" className="btn btn--ghost btn--sm nodrag" onClick={() => input.current?.click()}>
              or choose a file
            </button>
            <input ref={input} type="file" accept="image/*,video/*" hidden onChange={(e) => void take(e.target.files?.[0])} />
          </div>
        )}
      </div>
    </NodeFrame>
  );
});
