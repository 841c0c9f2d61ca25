import { describe, expect, it } from 'vitest';
import { incomingPromptIndex, incomingPromptText } from './incoming-prompt';
import type { KodaEdge, KodaNode } from './persisted';

const node = (id: string, data: Record<string, unknown> = {}, type = 'text'): KodaNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});
const wire = (source: string, target: string, targetHandle = 'text', sourceHandle = 'output'): KodaEdge => ({
  id: `${source}-${target}-${targetHandle}`,
  source,
  target,
  sourceHandle,
  targetHandle,
});

describe('incoming prompt text', () => {
  it('finds the words wired into a text input, and null otherwise', () => {
    const nodes = [
      node('p', { content: 'a lighthouse' }),
      node('g', {}, 'imageGenerator'),
      node('h', {}, 'imageGenerator'),
      node('m', { type: 'image' }, 'media'),
    ];
    const edges = [wire('p', 'g'), wire('m', 'h', 'reference'), wire('m', 'h')];
    const state = { nodes, edges };
    expect(incomingPromptText(state, 'g')).toBe('a lighthouse');
    expect(incomingPromptText(state, 'h')).toBeNull();
    expect(incomingPromptText(state, 'p')).toBeNull();
  });

  it('reads rich text as plain text and ignores which source handle the edge names', () => {
    const nodes = [node('p', { content: '<p>dusk</p><p>fog</p>' }), node('g', {}, 'imageGenerator')];
    expect(incomingPromptText({ nodes, edges: [wire('p', 'g', 'text', 'text')] }, 'g')).toBe('dusk\nfog');
  });

  it('keeps the first wire when several feed the same input', () => {
    const nodes = [
      node('a', { content: 'first' }),
      node('b', { content: 'second' }),
      node('g', {}, 'imageGenerator'),
    ];
    expect(incomingPromptText({ nodes, edges: [wire('a', 'g'), wire('b', 'g')] }, 'g')).toBe('first');
  });

  it('is built once per nodes/edges pair and rebuilt when either changes', () => {
    const nodes = [node('p', { content: 'x' }), node('g', {}, 'imageGenerator')];
    const edges = [wire('p', 'g')];
    const index = incomingPromptIndex(nodes, edges);
    expect(incomingPromptIndex(nodes, edges)).toBe(index);
    const typed = [node('p', { content: 'xy' }), nodes[1]];
    expect(incomingPromptIndex(typed, edges).get('g')).toBe('xy');
  });
});
