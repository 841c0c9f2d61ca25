import type { SceneBox, SceneLink, ThumbnailScene } from './layout';

/**
 * The dark theme's colours (styles/tokens.css). A picture cannot read CSS variables, and the
 * thumbnails are always dark, like the canvas people see first.
 */
export const PICTURE_COLORS = {
  background: '#0e0f14', // --canvas-bg
  dots: '#2a2e3a', // --canvas-dots
  body: '#181a21', // --node-bg
  border: '#2b303c', // --node-border
  edge: '#5b6275', // --edge
  kinds: {
    text: '#f4b860', // --kind-prompt
    imageGenerator: '#8b7bff', // --kind-image
    videoGenerator: '#ff7aa8', // --kind-video
    media: '#4fd1c5', // --kind-media
    musicGenerator: '#5fd38d', // --kind-audio
    speech: '#5fd38d', // --kind-audio
    videoAudio: '#5fd38d', // --kind-audio
    storyboard: '#7cc4ff', // --kind-plan
    productShot: '#7cc4ff', // --kind-plan
    pluginNode: '#c792ea', // --kind-plugin
    group: '#8b93a7', // --kind-group
    stickyNote: '#f7d774', // --note-yellow
    sticker: '#f9b97a', // --note-orange
  } as Record<string, string>,
  notes: {
    yellow: '#f7d774',
    pink: '#f7a8c8',
    blue: '#9cc7ff',
    green: '#a6e3b5',
    purple: '#c7b8ff',
    orange: '#f9b97a',
  } as Record<string, string>,
  types: { text: '#f4b860', image: '#5ea8ff', video: '#ff7aa8', audio: '#5fd38d' } as Record<string, string>,
  unknown: '#6c7385', // --text-faint
} as const;

/** The part of CanvasRenderingContext2D the painter uses (a fake one in tests). */
export type Painter = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'globalAlpha'
  | 'fillRect'
  | 'beginPath'
  | 'moveTo'
  | 'bezierCurveTo'
  | 'stroke'
  | 'fill'
  | 'roundRect'
  | 'setLineDash'
  | 'arc'
>;

const HEX = /^#[0-9a-f]{6}$/i;

function colourOf(box: SceneBox): string {
  if (box.kind === 'stickyNote')
    return PICTURE_COLORS.notes[box.color ?? 'yellow'] ?? PICTURE_COLORS.notes.yellow;
  if (box.kind === 'group' && box.color && HEX.test(box.color)) return box.color;
  return PICTURE_COLORS.kinds[box.kind] ?? PICTURE_COLORS.unknown;
}

function paintLink(ctx: Painter, link: SceneLink, scale: number) {
  const mid = (link.x1 + link.x2) / 2;
  ctx.beginPath();
  ctx.moveTo(link.x1, link.y1);
  ctx.bezierCurveTo(mid, link.y1, mid, link.y2, link.x2, link.y2);
  ctx.strokeStyle = PICTURE_COLORS.types[link.dataType] ?? PICTURE_COLORS.edge;
  ctx.globalAlpha = 0.8;
  ctx.lineWidth = Math.max(1, 2.5 * scale);
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function paintBox(ctx: Painter, box: SceneBox, scale: number) {
  const colour = colourOf(box);
  const radius = Math.max(1.5, 12 * scale);
  if (box.kind === 'group') {
    ctx.beginPath();
    ctx.roundRect(box.x, box.y, box.width, box.height, radius * 1.3);
    ctx.globalAlpha = 0.08;
    ctx.fillStyle = colour;
    ctx.fill();
    ctx.globalAlpha = 0.6;
    ctx.setLineDash([Math.max(2, 6 * scale), Math.max(2, 5 * scale)]);
    ctx.strokeStyle = colour;
    ctx.lineWidth = Math.max(1, 2 * scale);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    return;
  }
  if (box.kind === 'sticker') {
    ctx.beginPath();
    ctx.arc(
      box.x + box.width / 2,
      box.y + box.height / 2,
      Math.min(box.width, box.height) / 2.4,
      0,
      Math.PI * 2,
    );
    ctx.fillStyle = colour;
    ctx.fill();
    return;
  }
  if (box.kind === 'stickyNote') {
    ctx.beginPath();
    ctx.roundRect(box.x, box.y, box.width, box.height, radius * 0.6);
    ctx.fillStyle = colour;
    ctx.fill();
    return;
  }
  // A card: dark body with a coloured border and a header bar in the kind's colour.
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, box.height, radius);
  ctx.fillStyle = PICTURE_COLORS.body;
  ctx.fill();
  ctx.strokeStyle = colour;
  ctx.globalAlpha = 0.85;
  ctx.lineWidth = Math.max(1, 2 * scale);
  ctx.stroke();
  const header = Math.min(box.height, Math.max(2.5, 38 * scale));
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.width, header, [radius, radius, 0, 0]);
  ctx.globalAlpha = 0.9;
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.globalAlpha = 1;
}

/** Draws the scene: background, edges beneath, then node boxes (groups first). */
export function paintThumbnail(ctx: Painter, scene: ThumbnailScene): void {
  ctx.fillStyle = PICTURE_COLORS.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  for (const link of scene.links) paintLink(ctx, link, scene.scale);
  for (const box of scene.boxes) paintBox(ctx, box, scene.scale);
}
