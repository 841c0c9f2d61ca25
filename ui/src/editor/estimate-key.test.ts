import { describe, expect, it } from 'vitest';
import { incomingOutputs } from './estimate-key';
import type { KodaEdge } from './persisted';

const edge = (source: string, target: string): KodaEdge => ({
  id: `${source}-${target}`,
  source,
  target,
  sourceHandle: 'output',
  targetHandle: 'firstFrame',
});

describe('incomingOutputs', () => {
  it('changes when a node wired in gets its first output', () => {
    const edges = [edge('img', 'vid')];
    const before = [
      { id: 'img', data: {} },
      { id: 'vid', data: {} },
    ];
    const after = [
      { id: 'img', data: { outputUrl: 'koda-asset://a' } },
      { id: 'vid', data: {} },
    ];
    expect(incomingOutputs(before, edges, 'vid')).toBe('');
    expect(incomingOutputs(after, edges, 'vid')).toBe('koda-asset://a');
    expect(incomingOutputs(after, edges, 'img')).toBe('');
  });

  it('reads a media node by its url and ignores nodes not wired in', () => {
    const nodes = [
      { id: 'm', data: { url: 'data:image/png;base64,AA' } },
      { id: 'other', data: { outputUrl: 'x' } },
      { id: 'img', data: {} },
    ];
    expect(incomingOutputs(nodes, [edge('m', 'img')], 'img')).toBe('data:image/png;base64,AA');
  });
});
