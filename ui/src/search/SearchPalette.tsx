import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { SearchHit } from '../bindings/SearchHit';
import { Icon } from '../components/Icon';
import { Switch } from '../components/Switch';
import { isMac } from '../editor/shortcuts';
import type { StorageProvider } from '../storage/types';
import { hitKind } from './hit-kind';
import { openHit } from './open-hit';
import { isSearchShortcut, useSearchPalette } from './search-store';
import { SnippetText } from './SnippetText';
import { useSearch, type SearchResults } from './use-search';

const MOD = isMac ? '⌘' : 'Ctrl';

/**
 * ⌘K / Ctrl+K from anywhere (dashboard or editor, even while typing): the search palette. Mounted
 * once by the app; it listens for the shortcut and draws the dialog while open.
 */
export function SearchPalette({ provider }: { provider: StorageProvider }) {
  const open = useSearchPalette((s) => s.open);
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      const { open: showing, setOpen } = useSearchPalette.getState();
      // Another dialog has the keys (Settings, a confirmation): it stays in charge.
      if (!showing && document.querySelector('.modal')) return;
      event.preventDefault();
      event.stopPropagation();
      setOpen(!showing);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
  return open ? <SearchDialog provider={provider} /> : null;
}

function SearchDialog({ provider }: { provider: StorageProvider }) {
  const includeTrash = useSearchPalette((s) => s.includeTrash);
  const close = () => useSearchPalette.getState().setOpen(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const results = useSearch(provider, text, includeTrash);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const listId = useId();
  const hits = results.hits;

  // Focus goes back where it was when the palette closes.
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => previous?.focus?.();
  }, []);

  // New hits: the first is the one Enter opens.
  useEffect(() => setActive(0), [results.answered, includeTrash]);

  useEffect(() => {
    list.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  const choose = (hit: SearchHit | undefined) => {
    if (!hit) return;
    close();
    openHit(hit);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (hits.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + hits.length) % hits.length);
    } else if (event.key === 'Enter' && event.target === input.current) {
      event.preventDefault();
      choose(hits[active]);
    } else if (event.key === 'Tab') {
      // Two stops: the field and the trash switch.
      event.preventDefault();
      const target = event.target === input.current ? '[role="switch"]' : 'input';
      (event.currentTarget as HTMLElement).querySelector<HTMLElement>(target)?.focus();
    }
  };

  const activeHit = hits[active];
  return createPortal(
    <div
      className="modal-backdrop search-backdrop"
      onPointerDown={(e) => e.target === e.currentTarget && close()}
    >
      <div
        className="search-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Search every canvas"
        data-testid="search-palette"
        onKeyDown={onKeyDown}
      >
        <div className="search-palette__field">
          <Icon name="search" size={18} className="search-palette__icon" />
          <input
            ref={input}
            className="search-palette__input"
            type="text"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls={listId}
            aria-activedescendant={activeHit ? `${listId}-${active}` : undefined}
            aria-autocomplete="list"
            placeholder="Search every canvas…"
            spellCheck={false}
            autoComplete="off"
            value={text}
            data-testid="search-input"
            onChange={(e) => setText(e.target.value)}
          />
          {results.phase === 'searching' && <span className="search-palette__busy" aria-label="Searching" />}
          <kbd className="kbd search-palette__esc">Esc</kbd>
        </div>

        <div className="search-palette__body" ref={list}>
          <Results results={results} listId={listId} active={active} onHover={setActive} onChoose={choose} />
        </div>

        <footer className="search-palette__foot">
          <span className="search-palette__keys" aria-hidden="true">
            <kbd className="kbd">↑</kbd>
            <kbd className="kbd">↓</kbd> to move <kbd className="kbd">↵</kbd> to open{' '}
            <kbd className="kbd">{MOD}</kbd>
            <kbd className="kbd">K</kbd> to close
          </span>
          <label className="search-palette__trash">
            <span>Include trash</span>
            <Switch
              checked={includeTrash}
              label="Include canvases in the trash"
              testId="search-include-trash"
              onChange={(on) => useSearchPalette.getState().setIncludeTrash(on)}
            />
          </label>
        </footer>
      </div>
    </div>,
    document.body,
  );
}

interface ResultsProps {
  results: SearchResults;
  listId: string;
  active: number;
  onHover: (index: number) => void;
  onChoose: (hit: SearchHit) => void;
}

function Results({ results, listId, active, onHover, onChoose }: ResultsProps) {
  const includeTrash = useSearchPalette((s) => s.includeTrash);
  if (results.phase === 'idle')
    return (
      <div className="search-palette__state" data-testid="search-empty">
        <span className="search-palette__state-art" aria-hidden="true">
          <Icon name="search" size={20} strokeWidth={1.6} />
        </span>
        <span className="search-palette__state-title">Type to search every canvas…</span>
        <span className="search-palette__state-text">
          Prompts, notes, storyboards, node and canvas names. Accents and case do not matter; the start of a
          word is enough.
        </span>
      </div>
    );
  if (results.phase === 'error')
    return (
      <div className="search-palette__state" role="alert" data-testid="search-error">
        <span className="search-palette__state-title">Search failed</span>
        <span className="search-palette__state-text">{results.error}</span>
      </div>
    );
  if (results.hits.length === 0 && results.phase === 'done')
    return (
      <div className="search-palette__state" data-testid="search-no-results">
        <span className="search-palette__state-art" aria-hidden="true">
          <Icon name="search" size={20} strokeWidth={1.6} />
        </span>
        <span className="search-palette__state-title">No matches for “{results.answered.trim()}”</span>
        <span className="search-palette__state-text">
          Try fewer or shorter words{includeTrash ? '.' : ', or include the trash.'}
        </span>
        {!includeTrash && (
          <button
            type="button"
            className="btn btn--secondary btn--sm"
            onClick={() => useSearchPalette.getState().setIncludeTrash(true)}
          >
            <Icon name="trash" size={14} />
            Search the trash too
          </button>
        )}
      </div>
    );
  return (
    <div id={listId} role="listbox" aria-label="Results" className="search-palette__list">
      {results.hits.map((hit, index) => {
        const kind = hitKind(hit);
        return (
          <div
            key={`${hit.canvasId}/${hit.nodeId ?? ''}`}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            data-index={index}
            data-testid="search-result"
            data-canvas-id={hit.canvasId}
            data-node-id={hit.nodeId ?? ''}
            className={`search-hit${index === active ? ' is-active' : ''}`}
            onPointerMove={() => index !== active && onHover(index)}
            onClick={() => onChoose(hit)}
          >
            <span className={`search-hit__icon search-hit__icon--${kind.kind}`} aria-hidden="true">
              <Icon name={kind.icon} size={15} />
            </span>
            <span className="search-hit__main">
              <span className="search-hit__snippet">
                <SnippetText snippet={hit.snippet} />
              </span>
              <span className="search-hit__meta">
                <span className="search-hit__canvas">{hit.canvasName}</span>
                <span aria-hidden="true">·</span>
                <span>{kind.label}</span>
                {hit.trashed && <span className="search-hit__trashed">In trash</span>}
              </span>
            </span>
            <span className="search-hit__enter" aria-hidden="true">
              ↵
            </span>
          </div>
        );
      })}
    </div>
  );
}
