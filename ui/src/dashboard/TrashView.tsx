import { useMemo, useState } from 'react';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Icon } from '../components/Icon';
import type { StorageProvider } from '../storage/types';
import { canvasActions } from './canvas-actions';
import { nodeCountLabel } from './canvas-list';
import { CanvasThumbnail } from './CanvasThumbnail';
import { useLibrary } from './library-store';
import { relativeTime } from './relative-time';
import { useNow } from './use-now';

export function TrashView({ provider }: { provider: StorageProvider }) {
  const { trash, loaded } = useLibrary();
  const [confirm, setConfirm] = useState<{ kind: 'one'; canvas: CanvasMetadata } | { kind: 'all' } | null>(
    null,
  );
  const actions = useMemo(() => canvasActions(provider), [provider]);
  const now = useNow();

  return (
    <section className="view" aria-labelledby="view-title">
      <header className="view__header">
        <div className="view__heading">
          <h1 id="view-title" className="view__title">
            Trash
          </h1>
          {loaded && <span className="view__count">{trash.length}</span>}
        </div>
        <div className="view__actions">
          {trash.length > 0 && (
            <button
              type="button"
              className="btn btn--danger-ghost"
              data-testid="trash-empty-all"
              onClick={() => setConfirm({ kind: 'all' })}
            >
              <Icon name="trash" />
              Empty trash
            </button>
          )}
        </div>
      </header>
      <div className="view__content">
        {loaded && trash.length === 0 && (
          <div className="empty" data-testid="empty-trash">
            <div className="empty__art" aria-hidden="true">
              <Icon name="trash" size={26} />
            </div>
            <h2 className="empty__title">Trash is empty</h2>
            <p className="empty__text">
              Canvases you move to the trash stay here until you delete them forever.
            </p>
          </div>
        )}
        {trash.length > 0 && (
          <>
            <p className="view__hint">
              Trashed canvases keep everything in them. Restore one to bring it back to your canvases.
            </p>
            <ul className="trash-list">
              {trash.map((canvas) => (
                <li
                  key={canvas.id}
                  className="trash-item"
                  data-testid="trash-item"
                  data-canvas-id={canvas.id}
                >
                  <CanvasThumbnail id={canvas.id} thumbnail={canvas.thumbnail} small />
                  <div className="trash-item__text">
                    <span className="trash-item__name">{canvas.name}</span>
                    <span className="trash-item__meta">
                      {nodeCountLabel(canvas.nodeCount)} · trashed{' '}
                      {relativeTime(canvas.deletedAt ?? canvas.updatedAt, now)}
                    </span>
                  </div>
                  <div className="trash-item__actions">
                    <button
                      type="button"
                      className="btn btn--secondary btn--sm"
                      data-testid="trash-restore"
                      onClick={() => actions.restore(canvas.id)}
                    >
                      <Icon name="restore" size={14} />
                      Restore
                    </button>
                    <button
                      type="button"
                      className="btn btn--danger-ghost btn--sm"
                      data-testid="trash-purge"
                      onClick={() => setConfirm({ kind: 'one', canvas })}
                    >
                      Delete forever
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          title={confirm.kind === 'one' ? 'Delete forever?' : 'Empty the trash?'}
          message={
            confirm.kind === 'one'
              ? `“${confirm.canvas.name}” and everything on it will be deleted. This can’t be undone.`
              : `${trash.length === 1 ? '1 canvas' : `${trash.length} canvases`} will be deleted ` +
                'with everything on them. This can’t be undone.'
          }
          confirmLabel="Delete forever"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            if (confirm.kind === 'one') actions.purge(confirm.canvas.id);
            else trash.forEach((c) => actions.purge(c.id));
            setConfirm(null);
          }}
        />
      )}
    </section>
  );
}
