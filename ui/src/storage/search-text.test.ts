import { describe, expect, it } from 'vitest';
import {
  fold,
  makeSnippet,
  MARK_CLOSE as C,
  MARK_OPEN as O,
  queryTerms,
  snippetParts,
  tokenize,
} from './search-text';

describe('search words', () => {
  it('folds accents and case', () => {
    expect(fold('Café Crème ÉTÉ')).toBe('cafe creme ete');
    expect(fold('Ångström naïve')).toBe('angstrom naive');
  });

  it('keeps positions in the original text, accents included', () => {
    const text = 'un café, très bien';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.folded)).toEqual(['un', 'cafe', 'tres', 'bien']);
    expect(text.slice(tokens[1].start, tokens[1].end)).toBe('café');
    // Decomposed input (e + combining accent) is one word too.
    expect(tokenize('cafe\u0301 noir').map((t) => t.folded)).toEqual(['cafe', 'noir']);
  });

  it('reads query syntax as plain words, never as an error', () => {
    expect(queryTerms('"lighthouse" NEAR -storm* (keeper)')).toEqual([
      'lighthouse',
      'near',
      'storm',
      'keeper',
    ]);
    expect(queryTerms('  *** "" -- ')).toEqual([]);
    expect(queryTerms('fog fog FOG')).toEqual(['fog']);
  });

  it('marks every matched word in a window around the first match', () => {
    const text = 'A lighthouse at dusk, volumetric fog, and a keeper at the light.';
    const snippet = makeSnippet(text, tokenize(text), ['light', 'fog']);
    expect(snippet).toBe(
      `A ${O}lighthouse${C} at dusk, volumetric ${O}fog${C}, and a keeper at the ${O}light${C}.`,
    );
  });

  it('cuts long texts on word boundaries with ellipses', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
    words[50] = 'Lighthouse';
    const text = words.join(' ');
    const snippet = makeSnippet(text, tokenize(text), ['lighthouse'], 80);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain(`${O}Lighthouse${C}`);
    expect(snippet.length).toBeLessThan(100);
    // Whole words only: no word is cut in half.
    const body = snippet.slice(1, -1).replaceAll(O, '').replaceAll(C, '');
    expect(body.split(' ').every((w) => /^(word\d+|Lighthouse)$/.test(w))).toBe(true);
  });

  it('splits a snippet into plain and marked parts', () => {
    expect(snippetParts(`a ${O}café${C} b`)).toEqual([
      { text: 'a ', match: false },
      { text: 'café', match: true },
      { text: ' b', match: false },
    ]);
    expect(snippetParts('plain')).toEqual([{ text: 'plain', match: false }]);
    expect(snippetParts(`${O}cut`)).toEqual([{ text: 'cut', match: true }]);
    expect(snippetParts(`stray${C} close`)).toEqual([{ text: 'stray close', match: false }]);
  });
});
