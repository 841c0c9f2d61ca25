/**
 * Words for search, the way the browser index and the ⌘K palette read them: accent-blind
 * (NFD, combining marks dropped), case-blind, split on anything that is not a letter or digit.
 * Query syntax (`"`, `*`, `-`, `NEAR`) is not syntax here: it is plain text like the rest.
 */

/** Marks around a matched word in a snippet (see `SearchHit.snippet`). */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

/** One word of a text: where it is in the original string, and its folded form. */
export interface Token {
  start: number;
  end: number;
  folded: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const MARKS = /\p{M}+/gu;

/** "Café" → "cafe": what two spellings of a word have in common for search. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** Every word of `text`, with its position in `text` itself (so snippets keep the accents). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    tokens.push({ start, end: start + match[0].length, folded: fold(match[0]) });
  }
  return tokens;
}

/** At most this many words of a query count (a pasted paragraph must not stall typing). */
export const MAX_TERMS = 12;

/** The distinct folded words of a query, in the order typed. */
export function queryTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    if (!terms.includes(token.folded)) terms.push(token.folded);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

/** The first term a word starts with (prefix match: "lighthou" finds "lighthouse"), or -1. */
export function matchingTerm(token: Token, terms: readonly string[]): number {
  for (let i = 0; i < terms.length; i++) if (token.folded.startsWith(terms[i])) return i;
  return -1;
}

/**
 * About `width` characters of `text` around its first matched word, on word boundaries, with every
 * matched word wrapped in MARK_OPEN … MARK_CLOSE and "…" where text was cut. Runs of white space
 * become one space.
 */
export function makeSnippet(text: string, tokens: readonly Token[], terms: readonly string[], width = 120) {
  const matched = tokens.map((t) => matchingTerm(t, terms) >= 0);
  const first = matched.indexOf(true);
  if (first < 0) return clean(text.slice(0, width)) + (text.length > width ? '…' : '');
  // A little context before the first match, starting on a word.
  let from = first;
  while (from > 0 && tokens[first].start - tokens[from - 1].start < width / 3) from--;
  const start = from === 0 ? 0 : tokens[from].start;
  let to = first;
  while (to + 1 < tokens.length && tokens[to + 1].end - start <= width) to++;
  const end = to + 1 === tokens.length ? text.length : tokens[to].end;
  let out = '';
  let at = start;
  for (let i = from; i <= to; i++) {
    out += text.slice(at, tokens[i].start);
    const word = text.slice(tokens[i].start, tokens[i].end);
    out += matched[i] ? MARK_OPEN + word + MARK_CLOSE : word;
    at = tokens[i].end;
  }
  out += text.slice(at, end);
  return (start > 0 ? '…' : '') + clean(out) + (end < text.length ? '…' : '');
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A snippet cut into plain and matched parts, for drawing (matched parts in <mark>). */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf(MARK_OPEN);
    if (open < 0) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), match: false });
    const close = rest.indexOf(MARK_CLOSE, open + 1);
    const end = close < 0 ? rest.length : close;
    const word = rest.slice(open + 1, end);
    if (word) parts.push({ text: word, match: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  // A stray close marker (a backend's snippet cut mid-mark) is not shown.
  return parts.map((p) => ({ ...p, text: p.text.replaceAll(MARK_CLOSE, '') })).filter((p) => p.text);
}
