import { describe, expect, it } from 'vitest';
import { paintOverview } from './overview-paint';
import type { OverviewPalette } from './overview-palette';
import type { OverviewBox, OverviewScene } from './overview-scene';

/** A 2D context that records what is drawn: shapes added to paths, fills and strokes with their style. */
function recordingContext() {
  const calls = {
    shapes: 0,
    fills: [] as string[],
    strokes: [] as string[],
    texts: [] as string[],
    curves: 0,
  };
  const ctx = {
    canvas: { width: 1000, height: 800 },
    fillStyle: '',
    strokeStyle: '',
    globalAlpha: 1,
    lineWidth: 1,
    font: '',
    textBaseline: '',
    setTransform() {},
    clearRect() {},
    beginPath() {},
    rect() {
      calls.shapes++;
    },
    roundRect() {
      calls.shapes++;
    },
    moveTo() {},
    bezierCurveTo() {
      calls.curves++;
    },
    fill() {
      calls.fills.push(String(this.fillStyle));
    },
    stroke() {
      calls.strokes.push(String(this.strokeStyle));
    },
    setLineDash() {},
    save() {},
    restore() {},
    clip() {},
    fillText(text: string) {
      calls.texts.push(text);
    },
    // Every character 15 units wide (half the title size).
    measureText(text: string) {
      return { width: [...text].length * 15 };
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const palette: OverviewPalette = {
  boxes: {
    prompt: 'PROMPT',
    image: 'IMAGE',
    video: 'VIDEO',
    media: 'MEDIA',
    audio: 'AUDIO',
    plan: 'PLAN',
    plugin: 'PLUGIN',
    sticker: 'STICKER',
    group: 'GROUP',
    'note-yellow': 'YELLOW',
    'note-pink': 'PINK',
    'note-blue': 'BLUE',
    'note-green': 'GREEN',
    'note-purple': 'PURPLE',
    'note-orange': 'ORANGE',
  },
  edges: { text: 'E-TEXT', image: 'E-IMAGE', video: 'E-VIDEO', audio: 'E-AUDIO', default: 'E-DEFAULT' },
  nodeBg: 'BG',
  selected: 'SELECTED',
  selectedHalo: 'HALO',
  text: 'TEXT',
  textMuted: 'MUTED',
  noteInk: 'INK',
  font: 'sans-serif',
};

const box = (id: string, x: number, extra: Partial<OverviewBox> = {}): OverviewBox => ({
  id,
  x,
  y: 0,
  width: 200,
  height: 100,
  shape: 'node',
  colour: 'image',
  selected: false,
  type: 'imageGenerator',
  data: { name: `Node ${id}` },
  ...extra,
});

const view = (zoom: number) => ({
  transform: [0, 0, zoom] as const,
  width: 1000,
  height: 800,
  devicePixelRatio: 1,
});

describe('painting the overview', () => {
  it('paints only what is in view, and says how much', () => {
    const scene: OverviewScene = {
      boxes: [box('a', 0), box('b', 300), box('far', 50_000)],
      edges: [
        { id: 'ab', from: { x: 200, y: 50 }, to: { x: 300, y: 50 }, colour: 'text', selected: false },
        { id: 'far', from: { x: 50_000, y: 50 }, to: { x: 60_000, y: 50 }, colour: 'text', selected: false },
      ],
    };
    const { ctx, calls } = recordingContext();
    expect(paintOverview(ctx, scene, view(0.2), palette)).toEqual({ nodes: 2, edges: 1 });
    expect(calls.curves).toBe(1);
    expect(calls.strokes).toContain('E-TEXT');
  });

  it('fills a colour once however many boxes have it', () => {
    const few = recordingContext();
    paintOverview(few.ctx, { boxes: [box('a', 0)], edges: [] }, view(0.1), palette);
    const many = recordingContext();
    const boxes = Array.from({ length: 2000 }, (_, i) =>
      box(`n${i}`, (i % 40) * 220, { y: Math.floor(i / 40) * 120 }),
    );
    paintOverview(many.ctx, { boxes, edges: [] }, view(0.1), palette);
    expect(many.calls.fills).toEqual(few.calls.fills);
    expect(many.calls.strokes).toEqual(few.calls.strokes);
    expect(many.calls.shapes).toBeGreaterThanOrEqual(2000);
  });

  it('outlines the selection in the selected colour', () => {
    const { ctx, calls } = recordingContext();
    paintOverview(
      ctx,
      { boxes: [box('a', 0, { selected: true }), box('b', 300)], edges: [] },
      view(0.2),
      palette,
    );
    expect(calls.strokes).toEqual(expect.arrayContaining(['HALO', 'SELECTED']));
  });

  it('paints group frames, note paper and titles once they are readable', () => {
    const scene: OverviewScene = {
      boxes: [
        box('g', 0, {
          shape: 'group',
          colour: 'group',
          type: 'group',
          data: { name: 'Refs' },
          width: 900,
          height: 600,
        }),
        box('n', 20, {
          shape: 'note',
          colour: 'note-pink',
          type: 'stickyNote',
          data: { content: 'Call Ada' },
        }),
      ],
      edges: [],
    };
    const near = recordingContext();
    paintOverview(near.ctx, scene, view(0.3), palette);
    expect(near.calls.fills).toEqual(expect.arrayContaining(['GROUP', 'PINK']));
    expect(near.calls.strokes).toContain('GROUP');
    expect(near.calls.texts).toEqual(['Refs', 'Call Ada']);
    const far = recordingContext();
    paintOverview(far.ctx, scene, view(0.1), palette);
    expect(far.calls.texts).toEqual([]);
  });

  it('cuts a title too long for its box with an ellipsis', () => {
    const { ctx, calls } = recordingContext();
    // 200 wide less 2 × 20 padding: 160 units, 10 characters of 15 with the ellipsis.
    const long = box('long', 0, { data: { name: 'Keeper voice-over for the night' } });
    const short = box('short', 300, { data: { name: 'Brief' } });
    paintOverview(ctx, { boxes: [long, short], edges: [] }, view(0.3), palette);
    expect(calls.texts).toEqual(['Keeper vo…', 'Brief']);
  });
});
