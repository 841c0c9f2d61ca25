import { describe, expect, it } from 'vitest';
import { incomingPromptIndex, incomingPromptText } from './incoming-prompt';
import type { KodaEdge, KodaNode } from './persisted';

const node = (id: string, data: Record<string, unknown> = {}): KodaNode => ({ id, type: 'prompt', position: { x: 0, y: 0 }, data });
const wire = (source: string, target: string, targetHandle = 'prompt'): KodaEdge => ({ id: `${source}-${target}-${targetHandle}`, source, target, sourceHandle: 'text', targetHandle });

describe('incoming prompt text', () => {
  it('finds the text wired into a prompt input, and null otherwise', () => {
    const nodes = [node('p', { text: 'a lighthouse' }), node('g'), node('h'), node('m', { kind: 'image' })];
    const edges = [wire('p', 'g'), wire('m', 'h', 'reference'), wire('m', 'h')];
    const state = { nodes, edges };
    expect(incomingPromptText(state, 'g')).toBe('a lighthouse');
    expect(incomingPromptText(state, 'h')).toBeNull();
    expect(incomingPromptText(state, 'p')).toBeNull();
  });

  it('keeps the first wire when several feed the same input', () => {
    const nodes = [node('a', { text: 'first' }), node('b', { text: 'second' }), node('g')];
    expect(incomingPromptText({ nodes, edges: [wire('a', 'g'), wire('b', 'g')] }, 'g')).toBe('first');
  });

  it('is built once per nodes/edges pair and rebuilt when either changes', () => {
    const nodes = [node('p', { text: 'x' }), node('g')];
    const edges = [wire('p', 'g')];
    const index = incomingPromptIndex(nodes, edges);
    expect(incomingPromptIndex(nodes, edges)).toBe(index);
    const typed = [node('p', { text: 'xy' }), nodes[1]];
    expect(incomingPromptIndex(typed, edges).get('g')).toBe('xy');
  });
});
