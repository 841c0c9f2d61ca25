import { overviewTitle } from '../overview-title';
import type { OverviewPalette } from './overview-palette';
import { edgeBend, overlaps, viewRect, type OverviewBox, type OverviewScene } from './overview-scene';

/**
 * Paints the zoomed-out canvas on a 2D context: every node in view as a box in its kind's colour,
 * every edge as a curve, titles once they are big enough to read. Shapes of one colour go into
 * one path and are filled or stroked once, so 10,000 nodes cost a few dozen draw calls, not
 * 10,000 DOM elements.
 */

export interface OverviewView {
  /** React Flow's transform: [x, y, zoom]. */
  transform: readonly [number, number, number];
  /** The pane's size in CSS pixels. */
  width: number;
  height: number;
  devicePixelRatio: number;
}

export interface PaintedCounts {
  nodes: number;
  edges: number;
}

/** In flow units: a card's corner radius, border and title, as the close-up node draws them. */
const RADIUS = 14;
const GROUP_RADIUS = 18;
const BORDER = 3;
const SELECTED_BORDER = 4;
const HALO = 8;
const TITLE_SIZE = 30;
const TITLE_PADDING = { x: 20, y: 16 };
/** Titles are left out below this size on screen (CSS pixels): unreadable, and costly. */
const SMALLEST_TITLE = 7;
const EDGE_WIDTH = 2;

type Ctx = CanvasRenderingContext2D;

function shape(ctx: Ctx, box: OverviewBox, inset: number, radius: number) {
  const x = box.x + inset;
  const y = box.y + inset;
  const width = Math.max(0, box.width - inset * 2);
  const height = Math.max(0, box.height - inset * 2);
  if (radius > 0 && typeof ctx.roundRect === 'function') ctx.roundRect(x, y, width, height, radius);
  else ctx.rect(x, y, width, height);
}

/** Boxes bucketed by a key, keeping their order. */
function bucket<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = buckets.get(k);
    if (list) list.push(item);
    else buckets.set(k, [item]);
  }
  return buckets;
}

function fillBoxes(ctx: Ctx, boxes: readonly OverviewBox[], style: string, alpha: number, radius: number) {
  if (boxes.length === 0) return;
  ctx.beginPath();
  for (const box of boxes) shape(ctx, box, 0, radius);
  ctx.globalAlpha = alpha;
  ctx.fillStyle = style;
  ctx.fill();
}

function strokeBoxes(
  ctx: Ctx,
  boxes: readonly OverviewBox[],
  style: string,
  alpha: number,
  width: number,
  radius: number,
  inset: number,
) {
  if (boxes.length === 0) return;
  ctx.beginPath();
  for (const box of boxes) shape(ctx, box, inset, radius);
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = style;
  ctx.lineWidth = width;
  ctx.stroke();
}

const titleCache = new WeakMap<Record<string, unknown>, string>();
function titleOf(box: OverviewBox): string {
  let title = titleCache.get(box.data);
  if (title === undefined) {
    title = overviewTitle(box.type, box.data);
    titleCache.set(box.data, title);
  }
  return title;
}

/** Titles cut to their box with an ellipsis, by text and width (in flow units: zoom-free). */
const fittedTitles = new Map<string, string>();
const MAX_FITTED = 4000;
function fitted(ctx: Ctx, text: string, width: number): string {
  const key = `${Math.round(width)}\u0000${text}`;
  let result = fittedTitles.get(key);
  if (result !== undefined) return result;
  result = text;
  if (ctx.measureText(text).width > width) {
    // The longest start that fits with the ellipsis.
    let low = 0;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) low = mid;
      else high = mid - 1;
    }
    result = low > 0 ? `${text.slice(0, low).trimEnd()}…` : '';
  }
  if (fittedTitles.size >= MAX_FITTED) fittedTitles.clear();
  fittedTitles.set(key, result);
  return result;
}

function paintTitles(ctx: Ctx, boxes: readonly OverviewBox[], palette: OverviewPalette) {
  ctx.globalAlpha = 1;
  ctx.font = `600 ${TITLE_SIZE}px ${palette.font}`;
  ctx.textBaseline = 'top';
  for (const box of boxes) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.width, box.height);
    ctx.clip();
    ctx.fillStyle =
      box.shape === 'note' ? palette.noteInk : box.shape === 'group' ? palette.textMuted : palette.text;
    const title = fitted(ctx, titleOf(box), box.width - TITLE_PADDING.x * 2);
    if (title) ctx.fillText(title, box.x + TITLE_PADDING.x, box.y + TITLE_PADDING.y);
    ctx.restore();
  }
}

export function paintOverview(
  ctx: Ctx,
  scene: OverviewScene,
  view: OverviewView,
  palette: OverviewPalette,
): PaintedCounts {
  const { transform, width, height, devicePixelRatio: dpr } = view;
  const [tx, ty, zoom] = transform;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);

  const onePixel = 1 / zoom;
  const visible = viewRect(transform, width, height);
  const inView = scene.boxes.filter((b) => overlaps(b, visible));
  const groups = inView.filter((b) => b.shape === 'group');
  const notes = inView.filter((b) => b.shape === 'note');
  const nodes = inView.filter((b) => b.shape === 'node');
  // Rounded corners only once they show (a few pixels); plain rectangles are cheaper.
  const radius = RADIUS * zoom >= 2 ? RADIUS : 0;
  const groupRadius = GROUP_RADIUS * zoom >= 2 ? GROUP_RADIUS : 0;

  // Groups: a faint frame beneath everything.
  fillBoxes(ctx, groups, palette.boxes.group, 0.07, groupRadius);
  ctx.setLineDash([12, 8]);
  strokeBoxes(ctx, groups, palette.boxes.group, 0.55, Math.max(BORDER, onePixel), groupRadius, BORDER / 2);
  ctx.setLineDash([]);

  // Edges beneath the nodes, one stroke per colour.
  let edgeCount = 0;
  ctx.lineWidth = Math.max(EDGE_WIDTH, onePixel);
  const edgesInView = scene.edges.filter((e) => {
    const bend = edgeBend(e);
    const box = {
      x: Math.min(e.from.x, e.to.x) - bend,
      y: Math.min(e.from.y, e.to.y),
      width: Math.abs(e.to.x - e.from.x) + bend * 2,
      height: Math.abs(e.to.y - e.from.y) + 1,
    };
    return overlaps(box, visible);
  });
  for (const [colour, list] of bucket(edgesInView, (e) => (e.selected ? 'selected' : e.colour))) {
    ctx.beginPath();
    for (const e of list) {
      const bend = edgeBend(e);
      ctx.moveTo(e.from.x, e.from.y);
      ctx.bezierCurveTo(e.from.x + bend, e.from.y, e.to.x - bend, e.to.y, e.to.x, e.to.y);
    }
    ctx.globalAlpha = colour === 'selected' ? 1 : 0.75;
    ctx.strokeStyle =
      colour === 'selected' ? palette.selected : palette.edges[colour as keyof typeof palette.edges];
    ctx.stroke();
    edgeCount += list.length;
  }

  // Nodes: the card, tinted with the kind's colour, bordered in it. Notes: their paper.
  fillBoxes(ctx, nodes, palette.nodeBg, 1, radius);
  for (const [colour, list] of bucket(nodes, (b) => b.colour)) {
    const style = palette.boxes[colour as keyof typeof palette.boxes];
    fillBoxes(ctx, list, style, 0.2, radius);
    strokeBoxes(ctx, list, style, 0.75, Math.max(BORDER, onePixel), radius, BORDER / 2);
  }
  for (const [colour, list] of bucket(notes, (b) => b.colour))
    fillBoxes(ctx, list, palette.boxes[colour as keyof typeof palette.boxes], 1, radius);

  const selected = inView.filter((b) => b.selected);
  strokeBoxes(ctx, selected, palette.selectedHalo, 1, HALO, radius, -HALO / 2);
  strokeBoxes(
    ctx,
    selected,
    palette.selected,
    1,
    Math.max(SELECTED_BORDER, onePixel * 2),
    radius,
    SELECTED_BORDER / 2,
  );

  if (TITLE_SIZE * zoom >= SMALLEST_TITLE) paintTitles(ctx, inView, palette);
  ctx.globalAlpha = 1;
  return { nodes: inView.length, edges: edgeCount };
}
