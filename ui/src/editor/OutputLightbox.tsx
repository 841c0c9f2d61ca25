import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { MediaKind } from '../canvas/node-specs';
import { CloseButton } from '../components/CloseButton';
import { Icon } from '../components/Icon';
import { MediaView } from './nodes/NodeMedia';

interface OutputLightboxProps {
  nodeId: string;
  /** Every output of the node, oldest first. */
  urls: string[];
  start: number;
  kind: MediaKind;
  title: string;
  current: string | undefined;
  readOnly: boolean;
  onClose: () => void;
  onUse: (url: string) => void;
  onAddNode: (url: string) => void;
  onSave: (url: string, index: number) => void;
  /** Saving is offered (it needs the desktop app's file access or a browser download). */
  canSave: boolean;
}

/**
 * A node's outputs full size, one at a time: ← → move through them, Esc closes; each can be made
 * the node's current output, saved as a file, or added to the canvas as a media node.
 */
export function OutputLightbox({
  nodeId,
  urls,
  start,
  kind,
  title,
  current,
  readOnly,
  onClose,
  onUse,
  onAddNode,
  onSave,
  canSave,
}: OutputLightboxProps) {
  const [index, setIndex] = useState(Math.min(Math.max(0, start), urls.length - 1));
  const ref = useRef<HTMLDivElement>(null);
  const url = urls[index];
  const count = urls.length;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      } else if (event.key === 'ArrowLeft') {
        event.stopPropagation();
        setIndex((i) => Math.max(0, i - 1));
      } else if (event.key === 'ArrowRight') {
        event.stopPropagation();
        setIndex((i) => Math.min(count - 1, i + 1));
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, [count, onClose]);

  if (!url) return null;
  const isCurrent = url === current;
  return createPortal(
    <div
      className="lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={`${title}: output ${index + 1} of ${count}`}
      data-testid="output-lightbox"
      ref={ref}
      tabIndex={-1}
      onPointerDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <header className="lightbox__bar">
        <span className="lightbox__title">{title}</span>
        <span className="lightbox__count" data-testid="lightbox-count">
          {index + 1} of {count}
        </span>
        {isCurrent && <span className="lightbox__badge">Current</span>}
        <span className="lightbox__spacer" />
        {!readOnly && (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            data-testid="lightbox-use"
            disabled={isCurrent}
            onClick={() => onUse(url)}
          >
            <Icon name="check" size={14} />
            {isCurrent ? 'Current output' : 'Use as current'}
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            data-testid="lightbox-add-node"
            onClick={() => onAddNode(url)}
          >
            <Icon name="plus" size={14} />
            Add to canvas
          </button>
        )}
        {canSave && (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            data-testid="lightbox-save"
            onClick={() => onSave(url, index)}
          >
            <Icon name="download" size={14} />
            Save…
          </button>
        )}
        <CloseButton label="Close" testId="lightbox-close" onClick={onClose} className="lightbox__close" />
      </header>
      <div className="lightbox__stage" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
        <button
          type="button"
          className="lightbox__nav lightbox__nav--prev"
          aria-label="Previous output"
          data-testid="lightbox-prev"
          disabled={index === 0}
          onClick={() => setIndex(index - 1)}
        >
          <Icon name="chevronLeft" size={22} />
        </button>
        <MediaView
          key={url}
          url={url}
          kind={kind}
          nodeId={nodeId}
          alt={`${title} ${index + 1}`}
          className="lightbox__media"
        />
        <button
          type="button"
          className="lightbox__nav lightbox__nav--next"
          aria-label="Next output"
          data-testid="lightbox-next"
          disabled={index >= count - 1}
          onClick={() => setIndex(index + 1)}
        >
          <Icon name="chevronRight" size={22} />
        </button>
      </div>
    </div>,
    document.body,
  );
}
