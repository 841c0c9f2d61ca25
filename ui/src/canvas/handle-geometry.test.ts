import { describe, expect, it } from 'vitest';
import { drawnWidth, handlesFor } from './handle-geometry';
import { FALLBACK_INPUT, FALLBACK_OUTPUT } from './handles';

const node = (type: string, width: number | undefined, data: Record<string, unknown> = {}) => ({
  id: 'n',
  type,
  data,
  width,
});
const ids = (handles: { id?: string | null; type: string }[]) => handles.map((h) => `${h.type}:${h.id}`);

describe('handlesFor', () => {
  // The numbers are what Chromium measured for the real nodes at zoom 1.
  it('places inputs on the left edge and outputs on the right, one row each', () => {
    expect(handlesFor(node('imageGenerator', 300, { model: 'nanobanana-2' }))).toEqual([
      { id: 'text', type: 'target', position: 'left', x: -5, y: 51, width: 12, height: 12 },
      { id: 'reference', type: 'target', position: 'left', x: -5, y: 75, width: 12, height: 12 },
      { id: 'output', type: 'source', position: 'right', x: 293, y: 51, width: 12, height: 12 },
    ]);
  });

  it('follows the node width, and the natural width of a node without one', () => {
    expect(handlesFor(node('text', 280)).find((h) => h.type === 'source')).toEqual({
      id: 'output',
      type: 'source',
      position: 'right',
      x: 273,
      y: 51,
      width: 12,
      height: 12,
    });
    expect(drawnWidth(node('videoGenerator', undefined))).toBe(340);
    expect(handlesFor(node('videoGenerator', undefined)).find((h) => h.id === 'output')?.x).toBe(333);
    // Text and groups keep their size in data; notes are sized by `size`.
    expect(drawnWidth(node('text', undefined, { width: 360 }))).toBe(360);
    expect(drawnWidth(node('stickyNote', undefined, { size: 'lg' }))).toBe(260);
  });

  it('follows the data: the model, the media kind, legacy reference counts', () => {
    expect(ids(handlesFor(node('videoGenerator', 340, { model: 'kling-3.0-i2v' })))).toEqual([
      'target:firstFrame',
      'target:lastFrame',
      'target:text',
      'source:output',
    ]);
    expect(
      ids(handlesFor(node('imageGenerator', 340, { model: 'nanobanana-2', refHandleCount: 3 }))),
    ).toEqual(['target:text', 'target:reference', 'target:ref2', 'target:ref3', 'source:output']);
    expect(ids(handlesFor(node('imageGenerator', 340, { model: 'flux-schnell' })))).toEqual([
      'target:text',
      'source:output',
    ]);
  });

  it('gives nodes without handles on a side an invisible fallback handle, level with the header', () => {
    expect(ids(handlesFor(node('stickyNote', undefined)))).toEqual([
      `target:${FALLBACK_INPUT}`,
      `source:${FALLBACK_OUTPUT}`,
    ]);
    expect(ids(handlesFor(node('futureNode', 300)))).toEqual([
      `target:${FALLBACK_INPUT}`,
      `source:${FALLBACK_OUTPUT}`,
    ]);
    const text = handlesFor(node('text', 280));
    expect(text[0]).toMatchObject({ id: FALLBACK_INPUT, type: 'target', y: 13 });
  });
});
