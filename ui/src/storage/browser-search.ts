/**
 * Search for the browser store (⌘K): an in-memory index over every canvas's name and
 * description and every string anywhere in its nodes' data (prompts, text, sticky notes,
 * storyboard concepts and chats, plugin names…). Built again only when the stored canvases
 * change. Prefix, accent- and case-blind matching (search-text.ts); ranked by how many words
 * matched, then name hits, then exact words, then how recently the canvas was edited.
 */
import type { SearchHit } from '../bindings/SearchHit';
import type { SearchQuery } from '../bindings/SearchQuery';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { htmlToText } from '../canvas/rich-text';
import { makeSnippet, matchingTerm, queryTerms, tokenize, type Token } from './search-text';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 200;

/** One searchable string. */
interface Field {
  text: string;
  tokens: Token[];
  /** A canvas or node name: hits there rank first among equals. */
  isName: boolean;
}

/** One place a hit can point at: a canvas (name, description) or one of its nodes. */
export interface SearchDoc {
  canvasId: string;
  canvasName: string;
  nodeId: string | null;
  nodeType?: string;
  fields: Field[];
  updatedAt: number;
  trashed: boolean;
}

/** Longer strings are searched in their first part only. */
const MAX_FIELD_CHARS = 20_000;
/** Strings that are addresses, files or colours, not words. */
const NOT_WORDS = /^(data:|blob:|https?:\/\/|koda-asset:\/\/|koda:\/\/|#[0-9a-f]{3,8}$)/i;
/** Keys holding ids (`id`, `pluginId`, `childNodeIds`…): nobody searches for those. */
const ID_KEY = /^id$|Ids?$/;

function field(raw: string, isName: boolean): Field | null {
  const trimmed = raw.trim();
  if (!trimmed || NOT_WORDS.test(trimmed)) return null;
  const text = htmlToText(trimmed.slice(0, MAX_FIELD_CHARS));
  const tokens = tokenize(text);
  return tokens.length > 0 ? { text, tokens, isName } : null;
}

/** Every string in a node's data, depth first, names first. */
function nodeFields(data: unknown): Field[] {
  const seen = new Set<string>();
  const fields: Field[] = [];
  const add = (value: string, isName: boolean) => {
    if (seen.has(value)) return;
    seen.add(value);
    const f = field(value, isName);
    if (f) fields.push(f);
  };
  const walk = (value: unknown, depth: number) => {
    if (depth > 8 || value === null || value === undefined) return;
    if (typeof value === 'string') add(value, false);
    else if (Array.isArray(value)) value.forEach((item) => walk(item, depth + 1));
    else if (typeof value === 'object')
      for (const [key, item] of Object.entries(value as Record<string, unknown>))
        if (!ID_KEY.test(key)) walk(item, depth + 1);
  };
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  if (typeof record.name === 'string') add(record.name, true);
  walk(record, 0);
  return fields;
}

/** The documents of every canvas; `trash` maps trashed canvas ids to when they were trashed. */
export function searchDocs(canvases: readonly StoredCanvas[], trash: Record<string, number>): SearchDoc[] {
  const docs: SearchDoc[] = [];
  for (const canvas of canvases) {
    if (!canvas || typeof canvas !== 'object' || typeof canvas.id !== 'string') continue;
    const base = {
      canvasId: canvas.id,
      canvasName: String(canvas.name ?? ''),
      updatedAt: Number(canvas.updatedAt) || 0,
      trashed: canvas.id in trash,
    };
    const own = [field(base.canvasName, true), field(String(canvas.description ?? ''), false)];
    docs.push({ ...base, nodeId: null, fields: own.filter((f): f is Field => f !== null) });
    for (const node of canvas.nodes ?? []) {
      if (!node || typeof node.id !== 'string') continue;
      const fields = nodeFields(node.data);
      if (fields.length > 0) docs.push({ ...base, nodeId: node.id, nodeType: node.type, fields });
    }
  }
  return docs;
}

const DAY = 86_400_000;

/** Hits for a query, best first; a query without words finds nothing. */
export function searchIn(docs: readonly SearchDoc[], query: SearchQuery, now = Date.now()): SearchHit[] {
  const terms = queryTerms(query.text ?? '');
  if (terms.length === 0) return [];
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    if (doc.trashed && !query.includeTrash) continue;
    const found = new Set<number>();
    const exact = new Set<number>();
    let nameHit = false;
    let best: Field | null = null;
    let bestCount = 0;
    for (const f of doc.fields) {
      const here = new Set<number>();
      for (const token of f.tokens) {
        const term = matchingTerm(token, terms);
        if (term < 0) continue;
        here.add(term);
        if (token.folded === terms[term]) exact.add(term);
      }
      if (here.size === 0) continue;
      here.forEach((t) => found.add(t));
      if (f.isName) nameHit = true;
      if (here.size > bestCount) {
        best = f;
        bestCount = here.size;
      }
    }
    if (!best) continue;
    // More words matched, then a name hit, then exact words, then recency (0…9999).
    const ageDays = Math.max(0, now - doc.updatedAt) / DAY;
    const recency = Math.round(9999 / (1 + ageDays / 30));
    hits.push({
      canvasId: doc.canvasId,
      canvasName: doc.canvasName,
      nodeId: doc.nodeId,
      ...(doc.nodeType !== undefined ? { nodeType: doc.nodeType } : {}),
      snippet: makeSnippet(best.text, best.tokens, terms),
      score: found.size * 1_000_000 + (nameHit ? 100_000 : 0) + Math.min(exact.size, 9) * 10_000 + recency,
      trashed: doc.trashed,
    });
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      a.canvasName.localeCompare(b.canvasName) ||
      (a.nodeId ?? '').localeCompare(b.nodeId ?? ''),
  );
  return hits.slice(0, limit);
}

/**
 * The index of the browser store: rebuilt only when the stored text of the canvases or the trash
 * changed since the last search, so typing in the palette costs one scan of the words.
 */
export class BrowserSearchIndex {
  private canvasesText: string | null = null;
  private trashText: string | null = null;
  private docs: SearchDoc[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  search(
    query: SearchQuery,
    stored: { canvasesText: string; trashText: string },
    read: () => { canvases: StoredCanvas[]; trash: Record<string, number> },
  ): SearchHit[] {
    if (stored.canvasesText !== this.canvasesText || stored.trashText !== this.trashText) {
      const { canvases, trash } = read();
      this.docs = searchDocs(canvases, trash);
      this.canvasesText = stored.canvasesText;
      this.trashText = stored.trashText;
    }
    return searchIn(this.docs, query, this.now());
  }
}
