import { describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { buildPatch } from './patch-builder';
import {
  toPersistedEdge,
  toPersistedNode,
  type CanvasSnapshot,
  type KodaEdge,
  type KodaNode,
} from './persisted';
import { rebase, type EditorGraph } from './rebase';

const node = (id: string, x = 0, data: Record<string, unknown> = {}): KodaNode => ({
  id,
  type: 'prompt',
  position: { x, y: 0 },
  data,
});
const edge = (id: string, source: string, target: string): KodaEdge => ({
  id,
  source,
  target,
  sourceHandle: 'text',
  targetHandle: 'prompt',
});
const stored = (
  nodes: KodaNode[],
  edges: KodaEdge[] = [],
  extra: Partial<StoredCanvas> = {},
): StoredCanvas => ({
  id: 'c',
  name: 'Canvas',
  createdAt: 0,
  updatedAt: 0,
  revision: 5,
  nodes: nodes.map(toPersistedNode),
  edges: edges.map(toPersistedEdge),
  ...extra,
});
const graph = (nodes: KodaNode[], edges: KodaEdge[] = [], extra: Partial<EditorGraph> = {}): EditorGraph => ({
  name: 'Canvas',
  nodes,
  edges,
  ...extra,
});
const ids = (g: { nodes: { id: string }[] }) => g.nodes.map((n) => n.id);

describe('rebase', () => {
  it('takes the stored canvas as it is when nothing is unsaved', () => {
    const a = node('a');
    const saved: CanvasSnapshot = graph([a]);
    const result = rebase(stored([node('a', 50), node('b')]), saved, graph([a]));
    expect(result.keptEdits).toBe(false);
    expect(result.next).toBe(result.base);
    expect(result.next.nodes.map((n) => n.position.x)).toEqual([50, 0]);
  });

  it('re-applies unsaved edits on top of the other device’s changes (different nodes)', () => {
    const a = node('a');
    const b = node('b');
    const saved = graph([a, b]);
    // Here: b moved and a new node c; there: a's text changed and d added.
    const mine = graph([a, node('b', 300), node('c', 600)]);
    const theirs = stored([node('a', 0, { text: 'from the laptop' }), b, node('d', 900)]);
    const { base, next, keptEdits } = rebase(theirs, saved, mine);
    expect(keptEdits).toBe(true);
    expect(ids(base)).toEqual(['a', 'b', 'd']);
    expect(ids(next)).toEqual(['a', 'b', 'd', 'c']);
    const byId = new Map(next.nodes.map((n) => [n.id, n]));
    expect(byId.get('a')?.data).toEqual({ text: 'from the laptop' });
    expect(byId.get('b')?.position.x).toBe(300);
    // What is still to save is exactly the local edits, against the new base.
    const patch = buildPatch(base, next)!;
    expect(patch.upsertNodes.map((n) => n.id).sort()).toEqual(['b', 'c']);
    expect(patch.deleteNodes).toEqual([]);
  });

  it('lets the local edit win on the same node, and keeps local deletions', () => {
    const a = node('a', 0, { text: 'old' });
    const b = node('b');
    const saved = graph([a, b]);
    const mine = graph([node('a', 0, { text: 'typed here' })]);
    const theirs = stored([node('a', 0, { text: 'typed there' }), node('b', 10)]);
    const { next } = rebase(theirs, saved, mine);
    expect(ids(next)).toEqual(['a']);
    expect(next.nodes[0].data).toEqual({ text: 'typed here' });
  });

  it('keeps outputs the app wrote into a node while its prompt was being edited', () => {
    const saved = graph([node('g', 0, { prompt: 'a fox', model: 'flux-pro' })]);
    const mine = graph([{ ...node('g', 40, { prompt: 'a red fox', model: 'flux-pro' }), selected: true }]);
    const theirs = stored([
      node('g', 0, {
        prompt: 'a fox',
        model: 'flux-pro',
        outputUrl: 'koda-asset://1',
        error: null,
        lastRunId: 'r1',
      }),
    ]);
    const { base, next, keptEdits } = rebase(theirs, saved, mine);
    expect(keptEdits).toBe(true);
    expect(next.nodes[0]).toMatchObject({ position: { x: 40, y: 0 }, selected: true });
    expect(next.nodes[0].data).toEqual({
      prompt: 'a red fox',
      model: 'flux-pro',
      outputUrl: 'koda-asset://1',
      error: null,
      lastRunId: 'r1',
    });
    // Only the person's fields remain to save.
    const patch = buildPatch(base, next)!;
    expect(patch.upsertNodes[0].data).toMatchObject({ prompt: 'a red fox', outputUrl: 'koda-asset://1' });
  });

  it('removes a field the person removed, even when the other side changed the node', () => {
    const saved = graph([node('g', 0, { prompt: 'x', style: 'anime' })]);
    const mine = graph([node('g', 0, { prompt: 'x' })]);
    const theirs = stored([node('g', 0, { prompt: 'x', style: 'anime', outputUrl: 'u' })]);
    expect(rebase(theirs, saved, mine).next.nodes[0].data).toEqual({ prompt: 'x', outputUrl: 'u' });
  });

  it('keeps the editor’s objects for nodes nobody changed, and their selection', () => {
    const a = { ...node('a'), selected: true, measured: { width: 280, height: 180 } };
    const b = { ...node('b'), selected: true };
    const saved = graph([node('a'), node('b')]);
    const { base } = rebase(stored([node('a'), node('b', 99)]), saved, graph([a, b]));
    expect(base.nodes[0]).toBe(a);
    expect(base.nodes[1]).not.toBe(b);
    expect(base.nodes[1]).toMatchObject({ position: { x: 99, y: 0 }, selected: true });
  });

  it('drops a new local edge whose end the other device deleted, keeps others', () => {
    const a = node('a');
    const b = node('b');
    const c = node('c');
    const saved = graph([a, b, c]);
    const mine = graph([a, b, c], [edge('ab', 'a', 'b'), edge('ac', 'a', 'c')]);
    const theirs = stored([a, c]);
    const { next } = rebase(theirs, saved, mine);
    expect(ids(next)).toEqual(['a', 'c']);
    expect(next.edges.map((e) => e.id)).toEqual(['ac']);
  });

  it('keeps a local rename and viewport, else takes the stored ones', () => {
    const saved = graph([], [], { viewport: { x: 0, y: 0, zoom: 1 } });
    const renamed = rebase(
      stored([], [], { name: 'Theirs', viewport: { x: 5, y: 5, zoom: 2 } }),
      saved,
      graph([], [], { name: 'Mine', viewport: { x: 0, y: 0, zoom: 1 } }),
    );
    expect(renamed.next.name).toBe('Mine');
    expect(renamed.next.viewport).toEqual({ x: 5, y: 5, zoom: 2 });
  });

  it('puts groups before the nodes inside them', () => {
    const saved = graph([]);
    const child = { ...node('child'), parentId: 'g' };
    const group = { ...node('g'), type: 'group' };
    const { next } = rebase(stored([]), saved, graph([child, group]));
    expect(ids(next)).toEqual(['g', 'child']);
  });
});
