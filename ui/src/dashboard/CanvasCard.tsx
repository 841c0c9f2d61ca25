import { useRef, useState } from 'react';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import { Icon } from '../components/Icon';
import { InlineEdit } from '../components/InlineEdit';
import { Menu } from '../components/Menu';
import type { ExportChoice } from '../transfer/export-canvas';
import { exportMenuItems } from '../transfer/export-menu-items';
import { nodeCountLabel } from './canvas-list';
import { CanvasThumbnail } from './CanvasThumbnail';
import { relativeTime } from './relative-time';

interface CanvasCardProps {
  canvas: CanvasMetadata;
  now: number;
  onOpen: (id: string) => void;
  onRename: (id: string, name: string) => void;
  onDuplicate: (id: string) => void;
  onTrash: (id: string) => void;
  onExport: (canvas: CanvasMetadata, choice: ExportChoice) => void;
  /** Whether every export format is offered (desktop), else PNG and JSON. */
  desktop: boolean;
}

export function CanvasCard({
  canvas,
  now,
  onOpen,
  onRename,
  onDuplicate,
  onTrash,
  onExport,
  desktop,
}: CanvasCardProps) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  return (
    <article
      className={`card${menuOpen ? ' is-active' : ''}`}
      data-testid="canvas-card"
      data-canvas-id={canvas.id}
    >
      <button
        type="button"
        className="card__open"
        aria-label={`Open ${canvas.name}`}
        onClick={() => onOpen(canvas.id)}
        onDoubleClick={(e) => e.preventDefault()}
      >
        <CanvasThumbnail id={canvas.id} thumbnail={canvas.thumbnail} />
      </button>
      <div className="card__body">
        <div className="card__text">
          {renaming ? (
            <InlineEdit
              value={canvas.name}
              ariaLabel="Canvas name"
              testId="rename-input"
              className="card__rename"
              onCommit={(name) => {
                setRenaming(false);
                onRename(canvas.id, name);
              }}
              onCancel={() => setRenaming(false)}
            />
          ) : (
            <h3
              className="card__name"
              data-testid="canvas-card-name"
              title={canvas.name}
              onDoubleClick={() => setRenaming(true)}
            >
              {canvas.name}
            </h3>
          )}
          <p className="card__meta">
            {nodeCountLabel(canvas.nodeCount)}
            <span className="card__dot" aria-hidden="true">
              ·
            </span>
            edited {relativeTime(canvas.updatedAt, now)}
          </p>
        </div>
        <button
          ref={menuButton}
          type="button"
          className="btn btn--ghost btn--icon btn--sm card__menu-button"
          aria-label={`Actions for ${canvas.name}`}
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          data-testid="card-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <Icon name="more" size={16} />
        </button>
      </div>
      {menuOpen && (
        <Menu
          anchor={menuButton}
          label={`Actions for ${canvas.name}`}
          onClose={() => setMenuOpen(false)}
          items={[
            {
              id: 'open',
              label: 'Open',
              icon: 'open',
              testId: 'card-open',
              onSelect: () => onOpen(canvas.id),
            },
            {
              id: 'rename',
              label: 'Rename',
              icon: 'pencil',
              testId: 'card-rename',
              onSelect: () => setRenaming(true),
            },
            {
              id: 'duplicate',
              label: 'Duplicate',
              icon: 'copy',
              testId: 'card-duplicate',
              onSelect: () => onDuplicate(canvas.id),
            },
            {
              id: 'export',
              label: 'Export',
              icon: 'export',
              testId: 'card-export',
              submenu: exportMenuItems(desktop, (choice) => onExport(canvas, choice)),
            },
            {
              id: 'trash',
              label: 'Move to trash',
              icon: 'trash',
              danger: true,
              separatorBefore: true,
              testId: 'card-trash',
              onSelect: () => onTrash(canvas.id),
            },
          ]}
        />
      )}
    </article>
  );
}
