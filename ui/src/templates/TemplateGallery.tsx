import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { nodeCountLabel } from '../dashboard/canvas-list';
import { columnsOf, nextCardIndex } from './gallery-keys';
import {
  BLANK_TEMPLATE_ID,
  CATEGORY_LABELS,
  filterTemplates,
  TEMPLATES,
  type CanvasTemplate,
} from './templates';
import { TemplatePreview } from './TemplatePreview';

interface TemplateGalleryProps {
  /** Makes the canvas; resolves once it is made (the gallery then goes away with the dashboard). */
  onPick: (template: CanvasTemplate) => Promise<unknown>;
  onClose: () => void;
  templates?: readonly CanvasTemplate[];
}

/**
 * "New canvas": the built-in templates as a grid of cards. Keyboard: the arrows move between
 * cards (↑ from the first row goes to the search field, ↓ from there back to the cards), Enter
 * creates, typing searches, Esc closes. Blank comes first and has the focus, so New canvas →
 * Enter is an empty canvas as before.
 */
export function TemplateGallery({ onPick, onClose, templates = TEMPLATES }: TemplateGalleryProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [pending, setPending] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const visible = useMemo(() => filterTemplates(templates, query), [templates, query]);
  const current = Math.min(active, Math.max(visible.length - 1, 0));
  const blank = templates.find((t) => t.id === BLANK_TEMPLATE_ID);

  const cards = () => [...(grid.current?.querySelectorAll<HTMLElement>('[data-template-card]') ?? [])];
  const focusCard = (index: number) => {
    setActive(index);
    cards()[index]?.focus();
  };

  const pick = (template: CanvasTemplate) => {
    if (pending) return;
    setPending(template.id);
    // On success the editor opens and this goes away; on failure the canvas actions have said why.
    void onPick(template).finally(() => setPending(null));
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.metaKey || event.ctrlKey) return;
    const next = nextCardIndex(event.key, current, visible.length, columnsOf(cards()));
    if (next === 'search') {
      event.preventDefault();
      search.current?.focus();
    } else if (next !== null) {
      event.preventDefault();
      focusCard(next);
    } else if (event.key.length === 1 && event.key !== ' ') {
      // Typing on a card searches: the character lands in the field that now has the focus.
      search.current?.focus();
    }
  };

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && visible.length > 0) {
      event.preventDefault();
      focusCard(0);
    } else if (event.key === 'Enter' && visible.length > 0) {
      event.preventDefault();
      pick(visible[0]);
    }
  };

  return (
    <Modal
      title="New canvas"
      size="lg"
      onClose={onClose}
      testId="template-gallery"
      closeTestId="template-gallery-close"
      footer={
        <p className="template-gallery__keys" aria-hidden="true">
          <kbd className="kbd">←</kbd>
          <kbd className="kbd">→</kbd>
          <kbd className="kbd">↑</kbd>
          <kbd className="kbd">↓</kbd> move <span className="template-gallery__sep">·</span>
          <kbd className="kbd">Enter</kbd> create <span className="template-gallery__sep">·</span>
          <kbd className="kbd">Esc</kbd> close
        </p>
      }
    >
      <div className="template-gallery">
        <label className="search template-gallery__search">
          <Icon name="search" size={15} className="search__icon" />
          <span className="visually-hidden">Search templates</span>
          <input
            ref={search}
            className="input search__input"
            type="search"
            placeholder="Search templates"
            value={query}
            data-testid="template-search"
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onSearchKey}
          />
        </label>
        {visible.length === 0 ? (
          <div className="empty empty--compact template-gallery__empty" data-testid="template-empty">
            <div className="empty__art" aria-hidden="true">
              <Icon name="search" size={24} />
            </div>
            <h3 className="empty__title">No templates match “{query.trim()}”</h3>
            <p className="empty__text">Try another word, or start from an empty canvas.</p>
            <div className="template-gallery__empty-actions">
              <button type="button" className="btn btn--secondary" onClick={() => setQuery('')}>
                Clear search
              </button>
              {blank && (
                <button
                  type="button"
                  className="btn btn--primary"
                  data-testid="template-empty-blank"
                  disabled={pending !== null}
                  onClick={() => pick(blank)}
                >
                  <Icon name="plus" strokeWidth={2.2} />
                  Blank canvas
                </button>
              )}
            </div>
          </div>
        ) : (
          <div
            ref={grid}
            className="template-grid"
            role="listbox"
            aria-label="Templates"
            onKeyDown={onGridKey}
          >
            {visible.map((template, index) => {
              const busy = pending === template.id;
              return (
                <button
                  key={template.id}
                  type="button"
                  role="option"
                  aria-selected={index === current}
                  aria-busy={busy || undefined}
                  aria-disabled={(pending !== null && !busy) || undefined}
                  tabIndex={index === current ? 0 : -1}
                  className={`template-card${busy ? ' is-busy' : ''}`}
                  data-template-card
                  data-testid={`template-${template.id}`}
                  data-autofocus={index === current ? true : undefined}
                  onFocus={() => setActive(index)}
                  onClick={() => pick(template)}
                >
                  <span className="template-card__preview">
                    <TemplatePreview id={template.id} />
                    {busy && <span className="template-card__busy">Creating…</span>}
                  </span>
                  <span className="template-card__body">
                    <span className="template-card__name">{template.name}</span>
                    <span className="template-card__description">{template.description}</span>
                    <span className="template-card__meta">
                      <span className={`template-card__tag template-card__tag--${template.category}`}>
                        {CATEGORY_LABELS[template.category] ?? template.category}
                      </span>
                      {template.nodes.length > 0 ? nodeCountLabel(template.nodes.length) : 'Empty'}
                    </span>
                  </span>
                </button>
              );
            })}
          </div>
        )}
      </div>
    </Modal>
  );
}
