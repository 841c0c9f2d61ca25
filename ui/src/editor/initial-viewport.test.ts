import { describe, expect, it } from 'vitest';
import { fitViewport } from './initial-viewport';
import type { KodaNode } from './persisted';

const box = (
  id: string,
  x: number,
  y: number,
  width = 100,
  height = 100,
  extra: Partial<KodaNode> = {},
): KodaNode => ({ id, type: 'text', position: { x, y }, data: {}, width, height, ...extra });
const options = { minZoom: 0.1, maxZoom: 1, padding: 0 };

describe('fitViewport', () => {
  it('centres the nodes and zooms so they fill the pane', () => {
    const view = fitViewport([box('a', 0, 0), box('b', 300, 100)], { width: 200, height: 200 }, options);
    expect(view.zoom).toBeCloseTo(0.5);
    // The nodes span 0…400 × 0…200; their centre (200, 100) lands in the pane's centre.
    expect(200 * view.zoom + view.x).toBeCloseTo(100);
    expect(100 * view.zoom + view.y).toBeCloseTo(100);
  });

  it('keeps within the zoom limits', () => {
    expect(fitViewport([box('a', 0, 0, 10, 10)], { width: 1000, height: 800 }, options).zoom).toBe(1);
    expect(fitViewport([box('a', 0, 0, 100_000, 10)], { width: 1000, height: 800 }, options).zoom).toBe(0.1);
  });

  it('leaves room for the padding', () => {
    expect(
      fitViewport([box('a', 0, 0, 1000, 100)], { width: 1000, height: 1000 }, { ...options, padding: 0.25 })
        .zoom,
    ).toBeCloseTo(0.8);
  });

  it('places children by their group and sizes unmeasured nodes by kind', () => {
    const nodes: KodaNode[] = [
      box('g', 1000, 1000, 400, 400, { type: 'group' }),
      { id: 'c', type: 'text', position: { x: 500, y: 500 }, data: {}, parentId: 'g' },
    ];
    const view = fitViewport(nodes, { width: 2000, height: 2000 }, options);
    // The child ends at 1000 + 500 + 280 (a text node's natural width): the span is 1000…1780.
    expect(view.zoom).toBe(1);
    expect(1390 * view.zoom + view.x).toBeCloseTo(1000);
  });

  it('is the identity for an empty canvas', () => {
    expect(fitViewport([], { width: 100, height: 100 }, options)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
