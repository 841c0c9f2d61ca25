import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { navigate } from '../app/router';
import { Icon } from '../components/Icon';
import { showToast } from '../components/toast-store';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { canvasActions } from './canvas-actions';
import { CanvasCard } from './CanvasCard';
import { filterAndSort, SORT_LABELS, type SortKey } from './canvas-list';
import { TemplateGallery } from '../templates/TemplateGallery';
import { importWithDialog } from '../transfer/import-dialog';
import { importAccept, useImports } from '../transfer/import-store';
import { runExport } from '../transfer/run-export';
import { downloadJson } from './import-export';
import { useLibrary } from './library-store';
import { loadEditorModule } from '../app/editor-module';
import { useNow } from './use-now';

const SORT_STORAGE_KEY = 'koda-dashboard-sort';

function initialSort(): SortKey {
  const saved = localStorage.getItem(SORT_STORAGE_KEY);
  return saved === 'name' || saved === 'created' ? saved : 'updated';
}

/** Marked on the first frame that shows the loaded canvas list. */
const DASHBOARD_READY_MARK = 'koda:dashboard-ready';

export function CanvasesView({ provider }: { provider: StorageProvider }) {
  const { canvases, loaded, error } = useLibrary();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>(initialSort);
  const fileInput = useRef<HTMLInputElement>(null);
  const now = useNow();
  const actions = useMemo(() => canvasActions(provider), [provider]);
  const visible = useMemo(() => filterAndSort(canvases, query, sort), [canvases, query, sort]);
  // The start-up figure (tests/perf): the first time the canvas list is shown. Then, the list on
  // screen, the editor's code is fetched, so a canvas opened at once does not wait for it.
  useEffect(() => {
    if (loaded && performance.getEntriesByName(DASHBOARD_READY_MARK).length === 0)
      requestAnimationFrame(() => {
        performance.mark(DASHBOARD_READY_MARK);
        setTimeout(() => void loadEditorModule().catch(() => {}), 0);
      });
  }, [loaded]);

  const importing = useImports((s) => s.progress !== null);
  // "New canvas" opens the template gallery (blank first).
  const [galleryOpen, setGalleryOpen] = useState(false);
  const openGallery = useCallback(() => setGalleryOpen(true), []);
  const closeGallery = useCallback(() => setGalleryOpen(false), []);

  const onExport = async () => {
    try {
      downloadJson(await provider.exportAll());
    } catch (raw) {
      showToast({ message: `Export failed: ${describeError(toErrorPayload(raw))}`, tone: 'error' });
    }
  };

  return (
    <section className="view" aria-labelledby="view-title">
      <header className="view__header">
        <div className="view__heading">
          <h1 id="view-title" className="view__title">
            Canvases
          </h1>
          {loaded && <span className="view__count">{canvases.length}</span>}
        </div>
        <div className="view__actions">
          <label className="search">
            <Icon name="search" size={15} className="search__icon" />
            <span className="visually-hidden">Search canvases</span>
            <input
              className="input search__input"
              type="search"
              placeholder="Search canvases"
              value={query}
              data-testid="search"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
            />
          </label>
          <label className="sort">
            <span className="visually-hidden">Sort by</span>
            <select
              className="select sort__select"
              value={sort}
              data-testid="sort"
              onChange={(e) => {
                const value = e.target.value as SortKey;
                setSort(value);
                localStorage.setItem(SORT_STORAGE_KEY, value);
              }}
            >
              {(Object.keys(SORT_LABELS) as SortKey[]).map((key) => (
                <option key={key} value={key}>
                  {SORT_LABELS[key]}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn--secondary"
            title={
              provider.isDesktop
                ? 'Import Koda web exports, .koda bundles, .canvas files or a Koda web database (or drop files here)'
                : 'Import canvases from a file (or drop it here)'
            }
            data-testid="import"
            disabled={importing}
            onClick={() =>
              provider.importWithDialog
                ? void importWithDialog(provider.importWithDialog)
                : fileInput.current?.click()
            }
          >
            <Icon name="upload" />
            Import
          </button>
          <input
            ref={fileInput}
            type="file"
            accept={importAccept(provider.isDesktop)}
            multiple
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void useImports.getState().run(files, provider);
            }}
          />
          {!provider.isDesktop && (
            <button
              type="button"
              className="btn btn--secondary btn--icon"
              title="Export all canvases (koda-canvases.json)"
              aria-label="Export all"
              data-testid="export-all"
              onClick={onExport}
            >
              <Icon name="download" />
            </button>
          )}
          <button
            type="button"
            className="btn btn--primary"
            data-testid="new-canvas"
            aria-haspopup="dialog"
            onClick={openGallery}
          >
            <Icon name="plus" strokeWidth={2.2} />
            New canvas
          </button>
        </div>
      </header>

      <div className="view__content">
        {error && (
          <div className="banner banner--error" role="alert">
            <Icon name="alert" size={16} /> {error}
            <button
              type="button"
              className="btn btn--secondary btn--sm"
              onClick={() => void useLibrary.getState().refresh(provider)}
            >
              Retry
            </button>
          </div>
        )}
        {loaded && canvases.length === 0 && !error && (
          <div className="empty" data-testid="empty-canvases">
            <div className="empty__art" aria-hidden="true">
              <Icon name="layers" size={28} />
            </div>
            <h2 className="empty__title">No canvases yet</h2>
            <p className="empty__text">
              Start from a template or a blank canvas, and wire prompts, images, video and sound together.
            </p>
            <button
              type="button"
              className="btn btn--primary btn--lg"
              data-testid="empty-new-canvas"
              onClick={openGallery}
            >
              <Icon name="plus" strokeWidth={2.2} />
              Create your first canvas
            </button>
          </div>
        )}
        {canvases.length > 0 && visible.length === 0 && (
          <div className="empty empty--compact" data-testid="empty-search">
            <div className="empty__art" aria-hidden="true">
              <Icon name="search" size={24} />
            </div>
            <h2 className="empty__title">No canvases match “{query.trim()}”</h2>
            <button type="button" className="btn btn--secondary" onClick={() => setQuery('')}>
              Clear search
            </button>
          </div>
        )}
        {visible.length > 0 && (
          <div className="grid" role="list">
            {visible.map((canvas) => (
              <div role="listitem" key={canvas.id}>
                <CanvasCard
                  canvas={canvas}
                  now={now}
                  onOpen={(id) => navigate({ screen: 'canvas', id })}
                  onRename={actions.rename}
                  onDuplicate={actions.duplicate}
                  onTrash={actions.trash}
                  onExport={(target, choice) =>
                    void runExport(provider, { id: target.id, name: target.name }, choice)
                  }
                  desktop={provider.isDesktop}
                />
              </div>
            ))}
          </div>
        )}
      </div>
      {galleryOpen && <TemplateGallery onPick={actions.createFromTemplate} onClose={closeGallery} />}
    </section>
  );
}
