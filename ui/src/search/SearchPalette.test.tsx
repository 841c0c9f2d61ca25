import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchQuery } from '../bindings/SearchQuery';
import { useGeneration } from '../generation/generation-store';
import type { StorageProvider } from '../storage/types';
import { SearchPalette } from './SearchPalette';
import { useSearchPalette } from './search-store';
import { SEARCH_DEBOUNCE_MS } from './use-search';

const hit = (nodeId: string | null, snippet: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  canvasId: 'c1',
  canvasName: 'Lighthouse campaign',
  nodeId,
  ...(nodeId ? { nodeType: 'text' } : {}),
  snippet,
  score: 1,
  trashed: false,
  ...extra,
});

let search: ReturnType<typeof vi.fn<(query: SearchQuery) => Promise<SearchHit[]>>>;

function open() {
  const provider = { search } as unknown as StorageProvider;
  render(<SearchPalette provider={provider} />);
  act(() => {
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
  });
}

async function type(text: string) {
  fireEvent.change(screen.getByTestId('search-input'), { target: { value: text } });
  await act(async () => {
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS + 1);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  window.location.hash = '#/';
  useSearchPalette.setState({ open: false, includeTrash: false });
  useGeneration.setState({ focus: null });
  search = vi.fn(async (query: SearchQuery) =>
    query.text.includes('zzz')
      ? []
      : [
          hit('n1', 'A \u0002lighthouse\u0003 at dusk'),
          hit(null, '\u0002Lighthouse\u0003 campaign'),
          hit('n9', 'Old \u0002lighthouse\u0003', { canvasId: 'c9', canvasName: 'Drafts', trashed: true }),
        ],
  );
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('SearchPalette', () => {
  it('opens with Ctrl+K, focused, with its empty state; Esc closes it', () => {
    open();
    expect(screen.getByTestId('search-palette')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId('search-input'));
    expect(screen.getByTestId('search-empty').textContent).toContain('Type to search every canvas');
    fireEvent.keyDown(screen.getByTestId('search-input'), { key: 'Escape' });
    expect(screen.queryByTestId('search-palette')).toBeNull();
  });

  it('shows hits with marked words, their canvas and kind; arrows and Enter open one', async () => {
    open();
    await type('lighthou');
    expect(search).toHaveBeenLastCalledWith({ text: 'lighthou', limit: 30, includeTrash: false });
    const rows = screen.getAllByTestId('search-result');
    expect(rows).toHaveLength(3);
    expect(rows[0].querySelector('mark')?.textContent).toBe('lighthouse');
    expect(rows[0].textContent).toContain('Lighthouse campaign');
    expect(rows[0].textContent).toContain('Text');
    expect(rows[1].textContent).toContain('Canvas');
    expect(rows[2].textContent).toContain('In trash');
    expect(rows[0].getAttribute('aria-selected')).toBe('true');
    const input = screen.getByTestId('search-input');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('search-result')[0].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getAllByTestId('search-result')[2].getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByTestId('search-palette')).toBeNull();
    expect(window.location.hash).toBe('#/canvas/c1');
    expect(useGeneration.getState().focus).toEqual({ canvasId: 'c1', nodeId: 'n1' });
  });

  it('opens a canvas-level hit without asking for a node', async () => {
    open();
    await type('campaign');
    fireEvent.click(screen.getAllByTestId('search-result')[1]);
    expect(window.location.hash).toBe('#/canvas/c1');
    expect(useGeneration.getState().focus).toBeNull();
  });

  it('says when nothing matches, and searches the trash when asked', async () => {
    open();
    await type('zzz');
    expect(screen.getByTestId('search-no-results').textContent).toContain('No matches for “zzz”');
    fireEvent.click(screen.getByTestId('search-include-trash'));
    await act(async () => {
      vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS + 1);
    });
    expect(search).toHaveBeenLastCalledWith({ text: 'zzz', limit: 30, includeTrash: true });
  });

  it('keeps an answer to older words from replacing newer ones', async () => {
    const slow: ((hits: SearchHit[]) => void)[] = [];
    search.mockImplementation(() => new Promise((resolve) => slow.push(resolve)));
    open();
    await type('light');
    await type('keeper');
    await act(async () => slow[1]([hit('n2', 'The \u0002keeper\u0003')]));
    await act(async () => slow[0]([hit('n1', 'stale')]));
    const rows = screen.getAllByTestId('search-result');
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain('keeper');
  });

  it('does not open over another dialog', () => {
    const other = document.createElement('div');
    other.className = 'modal';
    document.body.append(other);
    open();
    expect(screen.queryByTestId('search-palette')).toBeNull();
    other.remove();
  });
});
