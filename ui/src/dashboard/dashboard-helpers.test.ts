import { describe, expect, it } from 'vitest';
import type { CanvasMetadata } from '../bindings/CanvasMetadata';
import { filterAndSort, nextUntitledName, nodeCountLabel } from './canvas-list';
import { parseImportFile } from './import-export';
import { relativeTime } from './relative-time';

const meta = (id: string, name: string, createdAt: number, updatedAt: number): CanvasMetadata => ({
  id,
  name,
  createdAt,
  updatedAt,
  nodeCount: 0,
  revision: 1,
});
const list = [
  meta('a', 'Moodboard', 1, 50),
  meta('b', 'album cover', 3, 10),
  meta('c', 'Storyboard 10', 2, 30),
  meta('d', 'Storyboard 9', 4, 20),
];

describe('filterAndSort', () => {
  it('sorts by last edited, name (natural, case-insensitive) and created', () => {
    expect(filterAndSort(list, '', 'updated').map((c) => c.id)).toEqual(['a', 'c', 'd', 'b']);
    expect(filterAndSort(list, '', 'name').map((c) => c.name)).toEqual([
      'album cover',
      'Moodboard',
      'Storyboard 9',
      'Storyboard 10',
    ]);
    expect(filterAndSort(list, '', 'created').map((c) => c.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('filters by name, ignoring case and surrounding spaces', () => {
    expect(filterAndSort(list, '  STORY ', 'name').map((c) => c.id)).toEqual(['d', 'c']);
    expect(filterAndSort(list, 'nothing', 'name')).toEqual([]);
  });
});

describe('labels', () => {
  it('names new canvases without clashing', () => {
    expect(nextUntitledName([])).toBe('Untitled canvas');
    expect(nextUntitledName([{ name: 'Untitled canvas' }, { name: 'Untitled canvas 2' }])).toBe(
      'Untitled canvas 3',
    );
  });

  it('counts nodes in words', () => {
    expect(nodeCountLabel(1)).toBe('1 node');
    expect(nodeCountLabel(0)).toBe('0 nodes');
  });

  it('says how long ago', () => {
    const now = 10 * 86_400_000;
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(relativeTime(now - 5 * 3_600_000, now)).toBe('5 h ago');
    expect(relativeTime(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(relativeTime(now - 4 * 86_400_000, now)).toBe('4 days ago');
  });
});

describe('parseImportFile', () => {
  it('accepts an array and a single canvas', () => {
    const one = { id: 'x', name: 'X', createdAt: 1, updatedAt: 2, nodes: [], edges: [] };
    expect(parseImportFile(JSON.stringify([one]))).toHaveLength(1);
    expect(parseImportFile(JSON.stringify(one))[0]).toMatchObject({ id: 'x', revision: 0 });
  });

  it('refuses other JSON and non-JSON', () => {
    expect(() => parseImportFile('not json')).toThrowError();
    expect(() => parseImportFile('{"hello":1}')).toThrow();
    expect(() => parseImportFile('[]')).toThrow();
  });
});
