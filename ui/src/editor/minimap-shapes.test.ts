import { describe, expect, it } from 'vitest';
import { minimapShapes } from './minimap-shapes';
import type { KodaNode } from './persisted';

const node = (id: string, type: string, x: number, y: number, extra: Partial<KodaNode> = {}): KodaNode => ({
  id,
  type,
  position: { x, y },
  data: {},
  width: 100,
  height: 50,
  ...extra,
});

describe('minimapShapes', () => {
  it('draws one path per kind and bounds every node', () => {
    const shapes = minimapShapes([
      node('a', 'text', 0, 0),
      node('b', 'text', 200, 100),
      node('c', 'media', -50, 10),
      node('d', 'custom', 0, 300),
    ]);
    expect(shapes.paths.text).toBe('M0 0h100v50h-100zM200 100h100v50h-100z');
    expect(shapes.paths.media).toBe('M-50 10h100v50h-100z');
    expect(shapes.paths.other).toBe('M0 300h100v50h-100z');
    expect(shapes.bounds).toEqual({ x: -50, y: 0, width: 350, height: 350 });
  });

  it('places children inside their group, prefers measured sizes, skips hidden nodes', () => {
    const shapes = minimapShapes([
      node('g', 'group', 100, 100, { width: 400, height: 300 }),
      node('c', 'text', 10, 20, { parentId: 'g', measured: { width: 80, height: 40 } }),
      node('h', 'text', 5000, 5000, { hidden: true }),
    ]);
    expect(shapes.paths.text).toBe('M110 120h80v40h-80z');
    expect(shapes.bounds).toEqual({ x: 100, y: 100, width: 400, height: 300 });
  });

  it('is empty for an empty canvas', () => {
    expect(minimapShapes([])).toEqual({ bounds: null, paths: {} });
  });
});
