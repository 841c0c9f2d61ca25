import { useCallback, useState, type ReactNode } from 'react';
import { useProvider } from '../../app/app-store';
import { readString } from '../../canvas/node-data';
import type { MediaKind } from '../../canvas/node-specs';
import { outputHistoryOf } from '../../canvas/output-history';
import { Icon } from '../../components/Icon';
import { showToast } from '../../components/toast-store';
import { useGeneration } from '../../generation/generation-store';
import { outputFileStem, saveOutput } from '../../generation/save-output';
import { useEditor } from '../editor-store';
import { mediaNodeData, setDraggedMedia } from '../media-drag';
import { OutputLightbox } from '../OutputLightbox';
import { MediaView } from './NodeMedia';

interface OutputGalleryProps {
  id: string;
  data: Record<string, unknown>;
  kind: MediaKind;
  /** Shown while the node has no output. */
  placeholder: ReactNode;
  alt?: string;
  /** A still shown before a video plays. */
  poster?: string;
}

/**
 * A generator's outputs: the current one large (click: full size), every earlier one in a strip
 * below (click: make it current). Any of them can be dragged onto the canvas as a media node.
 */
export function OutputGallery({ id, data, kind, placeholder, alt, poster }: OutputGalleryProps) {
  const provider = useProvider();
  const history = outputHistoryOf(data);
  const current = readString(data, 'outputUrl') || history[history.length - 1];
  const [viewing, setViewing] = useState<number | null>(null);
  const close = useCallback(() => setViewing(null), []);
  const readOnly = useEditor((s) => s.readOnly);
  const name = readString(data, 'name');

  if (!current) return <>{placeholder}</>;
  const currentIndex = Math.max(0, history.indexOf(current));
  const dragged = (url: string, index: number) => ({
    url,
    kind,
    name: `${name?.trim() || (kind === 'image' ? 'Image' : kind === 'video' ? 'Video' : 'Audio')} ${index + 1}`,
  });
  const use = (url: string) => useEditor.getState().updateNodeData(id, { outputUrl: url });

  const addNode = (url: string) => {
    const { nodes, addNode: add } = useEditor.getState();
    const self = nodes.find((n) => n.id === id);
    const at = self
      ? { x: self.position.x + (self.measured?.width ?? self.width ?? 340) + 60, y: self.position.y }
      : { x: 0, y: 0 };
    add('media', at, mediaNodeData(dragged(url, history.indexOf(url))));
    setViewing(null);
    showToast({ message: 'Added to the canvas as a media node', tone: 'success' });
  };

  const save = (url: string, index: number) => {
    void saveOutput(url, outputFileStem(name, kind, index), provider, useGeneration.getState().backend).then(
      (outcome) => {
        if (outcome.message)
          showToast({ message: outcome.message, tone: outcome.ok ? 'success' : 'error', durationMs: 6000 });
      },
    );
  };

  return (
    <div className="gallery">
      <div
        className="gallery__main-wrap nodrag"
        draggable
        onDragStart={(e) => setDraggedMedia(e.dataTransfer, dragged(current, currentIndex))}
        title="Drag onto the canvas to add it as a media node"
      >
        {kind === 'image' ? (
          <button
            type="button"
            className="gallery__open"
            data-testid="output-open"
            aria-label="Show full size"
            onClick={() => setViewing(currentIndex)}
          >
            <MediaView
              url={current}
              kind="image"
              nodeId={id}
              alt={alt ?? 'Generated image'}
              className="gallery__main"
            />
          </button>
        ) : (
          <MediaView
            url={current}
            kind={kind}
            nodeId={id}
            poster={poster}
            className={kind === 'audio' ? '' : 'gallery__main'}
          />
        )}
        {kind !== 'image' && (
          <button
            type="button"
            className="gallery__expand"
            data-testid="output-open"
            aria-label="Show full size"
            title="Show full size"
            onClick={() => setViewing(currentIndex)}
          >
            <Icon name="maximize" size={12} strokeWidth={2} />
          </button>
        )}
      </div>
      {history.length > 1 && (
        <div className="gallery__strip nowheel" role="list" aria-label="Earlier outputs">
          {history.map((url, i) => (
            <button
              key={`${i}:${url}`}
              type="button"
              role="listitem"
              draggable
              className={`gallery__thumb gallery__thumb--${kind} nodrag${url === current ? ' is-current' : ''}`}
              aria-label={`${url === current ? 'Current output' : 'Use output'} ${i + 1}`}
              aria-pressed={url === current}
              data-testid="output-thumb"
              data-current={url === current}
              title={
                readOnly
                  ? `Output ${i + 1}`
                  : url === current
                    ? 'The current output'
                    : 'Make this the current output (drag it out to add a media node)'
              }
              onDragStart={(e) => setDraggedMedia(e.dataTransfer, dragged(url, i))}
              onClick={() => (readOnly || url === current ? setViewing(i) : use(url))}
              onDoubleClick={() => setViewing(i)}
            >
              {kind === 'image' ? (
                <MediaView url={url} kind="image" nodeId={id} alt={`Output ${i + 1}`} />
              ) : (
                <span className="gallery__take">
                  <Icon name={kind === 'video' ? 'video' : 'music'} size={12} strokeWidth={2} />
                  {i + 1}
                </span>
              )}
            </button>
          ))}
        </div>
      )}
      {viewing !== null && (
        <OutputLightbox
          nodeId={id}
          urls={history}
          start={viewing}
          kind={kind}
          title={name?.trim() || alt || 'Output'}
          current={current}
          readOnly={readOnly}
          onClose={close}
          onUse={use}
          onAddNode={addNode}
          onSave={save}
          canSave
        />
      )}
    </div>
  );
}
