import { describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { BrowserSearchIndex, searchDocs, searchIn } from './browser-search';
import { MARK_CLOSE as C, MARK_OPEN as O } from './search-text';

const NOW = 1_700_000_000_000;
const DAY = 86_400_000;
const node = (id: string, type: string, data: Record<string, unknown>) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});
const canvas = (id: string, name: string, nodes: StoredCanvas['nodes'], extra: Partial<StoredCanvas> = {}) =>
  ({ id, name, createdAt: 0, updatedAt: NOW - DAY, nodes, edges: [], revision: 1, ...extra }) as StoredCanvas;

const lighthouse = canvas(
  'c1',
  'Lighthouse campaign',
  [
    node('t1', 'text', { content: '<p>A <strong>lighthouse</strong> at dusk, volumetric fog</p>' }),
    node('n1', 'stickyNote', { content: 'Keep the beam warm amber', color: '#f97316' }),
    node('s1', 'storyboard', {
      concept: "The keeper's last night",
      chatMessages: [{ id: 'm1', role: 'user', content: 'Four scenes, ending in a café' }],
    }),
    node('p1', 'pluginNode', { pluginId: 'animation-generator', name: 'Beam title card' }),
    node('m1', 'media', { url: 'https://cdn.example/lighthouse.png', type: 'image' }),
  ],
  { description: 'North Point launch: stills and sound', updatedAt: NOW - 2 * DAY },
);
const harbour = canvas('c2', 'Harbour at night', [
  node('t2', 'text', { content: 'Fishing boats, a distant lighthouse beam' }),
]);
const trashed = canvas('c3', 'Old lighthouse drafts', [node('t3', 'text', { content: 'Lighthouse v0' })]);
const docs = searchDocs([lighthouse, harbour, trashed], { c3: NOW });
const find = (text: string, extra = {}) => searchIn(docs, { text, ...extra }, NOW);

describe('browser search', () => {
  it('finds words in every string of node data, by prefix, accent- and case-blind', () => {
    expect(find('lighthou').map((h) => h.nodeId)).toEqual(expect.arrayContaining(['t1', 't2', null]));
    expect(find('CAFE').map((h) => h.nodeId)).toEqual(['s1']);
    expect(find('beam title').map((h) => h.nodeId)[0]).toBe('p1');
    expect(find('keeper')[0]).toMatchObject({
      nodeId: 's1',
      nodeType: 'storyboard',
      canvasName: 'Lighthouse campaign',
    });
    expect(find('amber')[0]).toMatchObject({ nodeId: 'n1', nodeType: 'stickyNote' });
  });

  it('finds canvas names and descriptions as canvas-level hits', () => {
    const hit = find('north point')[0];
    expect(hit).toMatchObject({ canvasId: 'c1', nodeId: null, trashed: false });
    expect(hit.nodeType).toBeUndefined();
    expect(hit.snippet).toContain(`${O}North${C} ${O}Point${C}`);
  });

  it('does not search addresses, ids or colours', () => {
    expect(find('cdn')).toEqual([]);
    expect(find('animation')).toEqual([]);
    expect(find('f97316')).toEqual([]);
  });

  it('searches HTML text as its words', () => {
    const hit = find('strong').find((h) => h.nodeId === 't1');
    expect(hit).toBeUndefined();
    expect(find('dusk')[0].snippet).toBe(`A lighthouse at ${O}dusk${C}, volumetric fog`);
  });

  it('ranks more matched words first, then name hits, then recent canvases', () => {
    const hits = find('lighthouse beam');
    // Both words: the harbour text node; then single-word hits, names first.
    expect(hits[0]).toMatchObject({ canvasId: 'c2', nodeId: 't2' });
    const single = hits.slice(1);
    expect(single[0]).toMatchObject({ canvasId: 'c1', nodeId: null });
    expect(hits.every((h, i) => i === 0 || h.score <= hits[i - 1].score)).toBe(true);
    // Between equal hits, the more recently edited canvas wins.
    const recent = searchIn(
      searchDocs(
        [
          canvas('a', 'A', [node('x', 'text', { content: 'fog' })], { updatedAt: NOW - 40 * DAY }),
          canvas('b', 'B', [node('y', 'text', { content: 'fog' })], { updatedAt: NOW - DAY }),
        ],
        {},
      ),
      { text: 'fog' },
      NOW,
    );
    expect(recent.map((h) => h.canvasId)).toEqual(['b', 'a']);
  });

  it('leaves the trash out unless asked', () => {
    expect(find('drafts')).toEqual([]);
    const hits = find('drafts', { includeTrash: true });
    expect(hits[0]).toMatchObject({ canvasId: 'c3', trashed: true });
  });

  it('treats query syntax as text and respects the limit', () => {
    expect(() => find('"lighthouse NEAR/3 -fog*')).not.toThrow();
    expect(find('"lighthouse*').length).toBeGreaterThan(0);
    expect(find('"" *')).toEqual([]);
    expect(find('lighthouse', { limit: 2 })).toHaveLength(2);
    expect(find('lighthouse', { limit: 0 })).toHaveLength(1);
  });

  it('rebuilds its index only when the stored text changes', () => {
    const index = new BrowserSearchIndex(() => NOW);
    let reads = 0;
    let stored = [harbour];
    const read = () => {
      reads++;
      return { canvases: stored, trash: {} };
    };
    const text = () => ({ canvasesText: JSON.stringify(stored), trashText: '{}' });
    expect(index.search({ text: 'boats' }, text(), read)).toHaveLength(1);
    expect(index.search({ text: 'boat' }, text(), read)).toHaveLength(1);
    expect(reads).toBe(1);
    stored = [canvas('c2', 'Harbour', [node('t2', 'text', { content: 'rowing' })])];
    expect(index.search({ text: 'boats' }, text(), read)).toHaveLength(0);
    expect(reads).toBe(2);
  });
});
