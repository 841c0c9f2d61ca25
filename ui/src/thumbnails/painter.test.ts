import { describe, expect, it } from 'vitest';
import type { ThumbnailScene } from './layout';
import { paintThumbnail, PICTURE_COLORS, type Painter } from './painter';

/** Records what was drawn: each fill or stroke with the colour it used. */
function recorder() {
  const log: string[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    fillRect: (x: number, y: number, w: number, h: number) =>
      log.push(`fillRect ${x},${y},${w},${h} ${ctx.fillStyle}`),
    beginPath: () => {},
    moveTo: () => {},
    bezierCurveTo: () => log.push('curve'),
    arc: () => {},
    roundRect: () => {},
    setLineDash: () => {},
    fill: () => log.push(`fill ${ctx.fillStyle}`),
    stroke: () => log.push(`stroke ${ctx.strokeStyle}`),
  };
  return { ctx: ctx as unknown as Painter, log };
}

describe('paintThumbnail', () => {
  it('paints the dark background, edges beneath, then boxes in their kinds colours', () => {
    const scene: ThumbnailScene = {
      width: 640,
      height: 400,
      scale: 0.5,
      boxes: [
        { x: 0, y: 0, width: 300, height: 200, kind: 'group' },
        { x: 10, y: 10, width: 100, height: 60, kind: 'imageGenerator' },
        { x: 200, y: 10, width: 80, height: 80, kind: 'stickyNote', color: 'blue' },
      ],
      links: [{ x1: 110, y1: 40, x2: 200, y2: 40, dataType: 'image' }],
    };
    const { ctx, log } = recorder();
    paintThumbnail(ctx, scene);
    expect(log[0]).toBe(`fillRect 0,0,640,400 ${PICTURE_COLORS.background}`);
    expect(log.slice(1, 3)).toEqual(['curve', `stroke ${PICTURE_COLORS.types.image}`]);
    expect(log).toContain(`stroke ${PICTURE_COLORS.kinds.group}`);
    expect(log).toContain(`fill ${PICTURE_COLORS.body}`);
    expect(log).toContain(`fill ${PICTURE_COLORS.kinds.imageGenerator}`);
    expect(log.at(-1)).toBe(`fill ${PICTURE_COLORS.notes.blue}`);
  });

  it('paints groups in their own colour, audio edges, stickers and unknown kinds', () => {
    const scene: ThumbnailScene = {
      width: 100,
      height: 100,
      scale: 1,
      boxes: [
        { x: 0, y: 0, width: 50, height: 50, kind: 'group', color: '#f97316' },
        { x: 60, y: 0, width: 20, height: 20, kind: 'sticker' },
        { x: 60, y: 30, width: 20, height: 20, kind: 'futureNode' },
      ],
      links: [{ x1: 0, y1: 0, x2: 10, y2: 10, dataType: 'audio' }],
    };
    const { ctx, log } = recorder();
    paintThumbnail(ctx, scene);
    expect(log).toContain(`stroke ${PICTURE_COLORS.types.audio}`);
    expect(log).toContain('stroke #f97316');
    expect(log).toContain(`fill ${PICTURE_COLORS.kinds.sticker}`);
    expect(log).toContain(`stroke ${PICTURE_COLORS.unknown}`);
  });
});
