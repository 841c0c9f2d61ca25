import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../bindings/SearchHit';
import { describeError, toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import { queryTerms } from '../storage/search-text';

/** How long typing pauses before a search is sent: short enough to feel instant. */
export const SEARCH_DEBOUNCE_MS = 60;
export const SEARCH_LIMIT = 30;

export interface SearchResults {
  /** `idle`: nothing typed; `searching`: an answer is on its way (earlier hits stay shown). */
  phase: 'idle' | 'searching' | 'done' | 'error';
  hits: SearchHit[];
  /** The text the hits answer. */
  answered: string;
  error?: string;
}

/** Hits for what is typed, as it is typed; an answer to older text never replaces a newer one. */
export function useSearch(
  provider: Pick<StorageProvider, 'search'>,
  text: string,
  includeTrash: boolean,
): SearchResults {
  const [results, setResults] = useState<SearchResults>({ phase: 'idle', hits: [], answered: '' });
  const asked = useRef(0);

  useEffect(() => {
    const ask = ++asked.current;
    if (queryTerms(text).length === 0) {
      setResults({ phase: 'idle', hits: [], answered: '' });
      return;
    }
    setResults((r) => ({ ...r, phase: 'searching' }));
    const timer = setTimeout(() => {
      provider.search({ text, limit: SEARCH_LIMIT, includeTrash }).then(
        (hits) => ask === asked.current && setResults({ phase: 'done', hits, answered: text }),
        (raw) =>
          ask === asked.current &&
          setResults({ phase: 'error', hits: [], answered: text, error: describeError(toErrorPayload(raw)) }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [provider, text, includeTrash]);

  return results;
}
