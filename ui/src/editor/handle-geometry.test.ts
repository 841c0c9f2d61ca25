import { describe, expect, it } from 'vitest';
import { handlesFor } from './handle-geometry';

const node = (type: string, width: number | undefined, data: Record<string, unknown> = {}) => ({ id: 'n', type, data, width });

describe('handlesFor', () => {
  // The numbers are what Chromium measured for the real nodes at zoom 1.
  it('places inputs on the left edge and outputs on the right, one row each', () => {
    const handles = handlesFor(node('imageGenerator', 300));
    expect(handles).toEqual([
      { id: 'prompt', type: 'target', position: 'left', x: -5, y: 51, width: 12, height: 12 },
      { id: 'reference', type: 'target', position: 'left', x: -5, y: 75, width: 12, height: 12 },
      { id: 'image', type: 'source', position: 'right', x: 293, y: 51, width: 12, height: 12 },
    ]);
  });

  it('follows the node width and the media kind', () => {
    expect(handlesFor(node('prompt', 280))).toEqual([{ id: 'text', type: 'source', position: 'right', x: 273, y: 51, width: 12, height: 12 }]);
    expect(handlesFor(node('media', 260, { kind: 'video' }))?.map((h) => [h.id, h.x])).toEqual([['video', 253]]);
  });

  it('has none for notes and groups, and is unknown without a width or for unknown types', () => {
    expect(handlesFor(node('stickyNote', undefined))).toEqual([]);
    expect(handlesFor(node('group', 500))).toEqual([]);
    expect(handlesFor(node('prompt', undefined))).toBeUndefined();
    expect(handlesFor(node('custom', 100))).toBeUndefined();
  });
});
