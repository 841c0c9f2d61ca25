import { describe, expect, it } from 'vitest';
import type { KodaNode } from './persisted';
import { reparentDropped } from './reparent';

const group: KodaNode = { id: 'g', type: 'group', position: { x: 100, y: 100 }, data: {}, width: 400, height: 300 };
const rects: Record<string, { x: number; y: number; width: number; height: number }> = {
  g: { x: 100, y: 100, width: 400, height: 300 },
};

describe('reparentDropped', () => {
  it('puts a node dropped inside a group into it, with a relative position', () => {
    const node: KodaNode = { id: 'n', type: 'prompt', position: { x: 150, y: 160 }, data: {} };
    const rectOf = (id: string) => (id === 'n' ? { x: 150, y: 160, width: 100, height: 80 } : rects[id] ?? null);
    const [first, second] = reparentDropped([node, group], ['n'], rectOf);
    expect(first.id).toBe('g'); // parents come first
    expect(second).toMatchObject({ id: 'n', parentId: 'g', position: { x: 50, y: 60 } });
  });

  it('grows the group to hold a node hanging over its edge', () => {
    const node: KodaNode = { id: 'n', type: 'prompt', position: { x: 450, y: 350 }, data: {} };
    const rectOf = (id: string) => (id === 'n' ? { x: 250, y: 300, width: 300, height: 200 } : rects[id] ?? null);
    const result = reparentDropped([group, node], ['n'], rectOf);
    const grown = result.find((n) => n.id === 'g')!;
    expect(grown.width).toBe(150 + 300 + 16);
    expect(grown.height).toBe(200 + 200 + 16);
  });

  it('takes a node dragged out of its group back to the top level', () => {
    const child: KodaNode = { id: 'n', type: 'prompt', position: { x: 500, y: 10 }, data: {}, parentId: 'g' };
    const rectOf = (id: string) => (id === 'n' ? { x: 600, y: 110, width: 100, height: 80 } : rects[id] ?? null);
    const result = reparentDropped([group, child], ['n'], rectOf);
    expect(result[1].parentId).toBeUndefined();
    expect(result[1].position).toEqual({ x: 600, y: 110 });
  });

  it('leaves everything alone when nothing crossed a frame', () => {
    const nodes: KodaNode[] = [group, { id: 'n', type: 'prompt', position: { x: 0, y: 0 }, data: {} }];
    const rectOf = (id: string) => (id === 'n' ? { x: 0, y: 0, width: 50, height: 50 } : rects[id] ?? null);
    expect(reparentDropped(nodes, ['n'], rectOf)).toBe(nodes);
  });
});
