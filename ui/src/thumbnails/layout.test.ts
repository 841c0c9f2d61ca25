import { describe, expect, it } from 'vitest';
import { layoutThumbnail } from './layout';

const size = { width: 640, height: 400 };

describe('layoutThumbnail', () => {
  it('is null for an empty canvas', () => {
    expect(layoutThumbnail([], [], size)).toBeNull();
  });

  it('fits and centres every node, groups first, edges between handles', () => {
    const scene = layoutThumbnail(
      [
        { id: 'p', type: 'text', position: { x: 0, y: 0 }, width: 280, height: 180 },
        {
          id: 'g',
          type: 'group',
          position: { x: -100, y: -100 },
          width: 1200,
          height: 800,
          data: { color: '#f97316' },
        },
        { id: 'i', type: 'imageGenerator', position: { x: 400, y: 0 }, width: 300, height: 340 },
      ],
      // A template's `text` source is drawn from the text node's `output`.
      [{ source: 'p', sourceHandle: 'text', target: 'i', targetHandle: 'text' }],
      size,
    )!;
    expect(scene.boxes.map((b) => b.kind)).toEqual(['group', 'text', 'imageGenerator']);
    expect(scene.boxes[0].color).toBe('#f97316');
    // Content 1200 × 800 into 604 × 364: the height limits the scale.
    expect(scene.scale).toBeCloseTo(364 / 800);
    const group = scene.boxes[0];
    expect(group.x + group.width / 2).toBeCloseTo(320);
    expect(group.y + group.height / 2).toBeCloseTo(200);
    // The link starts at the text node's output (right side, 57 px down) and ends at the text input.
    const [link] = scene.links;
    expect(link.dataType).toBe('text');
    const toX = (x: number) => group.x + (x + 100) * scene.scale;
    const toY = (y: number) => group.y + (y + 100) * scene.scale;
    expect(link.x1).toBeCloseTo(toX(280 - 7 + 6));
    expect(link.y1).toBeCloseTo(toY(57));
    expect(link.x2).toBeCloseTo(toX(400 - 5 + 6));
    expect(link.y2).toBeCloseTo(toY(57));
  });

  it('never magnifies a lone node past the cap', () => {
    const scene = layoutThumbnail(
      [
        {
          id: 'a',
          type: 'stickyNote',
          position: { x: 0, y: 0 },
          width: 100,
          height: 100,
          data: { color: 'pink' },
        },
      ],
      [],
      size,
    )!;
    expect(scene.scale).toBe(0.6);
    expect(scene.boxes[0].color).toBe('pink');
  });

  it('shows exactly a given view, leaving out what lies outside it', () => {
    const scene = layoutThumbnail(
      [
        { id: 'in', type: 'text', position: { x: 100, y: 100 }, width: 200, height: 100 },
        { id: 'out', type: 'text', position: { x: 5000, y: 5000 }, width: 200, height: 100 },
      ],
      [],
      { width: 1920, height: 1080, view: { x: 0, y: 0, width: 1920, height: 1080 } },
    )!;
    expect(scene.scale).toBe(1);
    expect(scene.boxes).toEqual([{ x: 100, y: 100, width: 200, height: 100, kind: 'text' }]);
  });
});
