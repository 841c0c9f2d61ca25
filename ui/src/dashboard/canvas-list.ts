import type { CanvasMetadata } from '../bindings/CanvasMetadata';

export type SortKey = 'updated' | 'name' | 'created';

export const SORT_LABELS: Record<SortKey, string> = {
  updated: 'Last edited',
  name: 'Name',
  created: 'Date created',
};

/** Filters by a case-insensitive name match, then sorts (newest first for dates, A→Z for names). */
export function filterAndSort(
  canvases: readonly CanvasMetadata[],
  query: string,
  sort: SortKey,
): CanvasMetadata[] {
  const needle = query.trim().toLocaleLowerCase();
  const matches = needle
    ? canvases.filter((c) => c.name.toLocaleLowerCase().includes(needle))
    : [...canvases];
  const byName = (a: CanvasMetadata, b: CanvasMetadata) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
  switch (sort) {
    case 'name':
      return matches.sort(byName);
    case 'created':
      return matches.sort((a, b) => b.createdAt - a.createdAt || byName(a, b));
    case 'updated':
      return matches.sort((a, b) => b.updatedAt - a.updatedAt || byName(a, b));
  }
}

/** "Untitled canvas", or "Untitled canvas 2", 3… when that name is taken. */
export function nextUntitledName(existing: readonly { name: string }[], base = 'Untitled canvas'): string {
  const names = new Set(existing.map((c) => c.name));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`)) return `${base} ${n}`;
}

export function nodeCountLabel(count: number): string {
  return count === 1 ? '1 node' : `${count} nodes`;
}
