import type { Edge, InternalNode, Node } from '@xyflow/react';
import { estimatedSize, isNodeKind, NOTE_COLORS, type NodeKind } from '../../canvas/node-specs';

/**
 * What the zoomed-out overview draws, in flow coordinates: one box per node and one curve per
 * edge, read from React Flow's own lookup (absolute positions, measured sizes, handle bounds),
 * so the overview and the close-up view always agree on where things are.
 */

/** A colour of the overview's palette (see overview-palette.ts). */
export type BoxColour =
  | 'prompt'
  | 'image'
  | 'video'
  | 'media'
  | 'audio'
  | 'plan'
  | 'plugin'
  | 'sticker'
  | 'group'
  | `note-${(typeof NOTE_COLORS)[number]}`;

export type EdgeColour = 'text' | 'image' | 'video' | 'audio' | 'default';

export interface OverviewBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Groups are frames drawn beneath; notes are filled with their paper colour. */
  shape: 'group' | 'note' | 'node';
  colour: BoxColour;
  selected: boolean;
  type: string | undefined;
  data: Record<string, unknown>;
}

export interface OverviewEdge {
  id: string;
  from: { x: number; y: number };
  to: { x: number; y: number };
  colour: EdgeColour;
  selected: boolean;
}

export interface OverviewScene {
  /** Groups first, then the other nodes, each in the canvas's order: the drawing order. */
  boxes: OverviewBox[];
  edges: OverviewEdge[];
}

export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const KIND_COLOURS: Record<NodeKind, BoxColour> = {
  text: 'prompt',
  imageGenerator: 'image',
  videoGenerator: 'video',
  media: 'media',
  musicGenerator: 'audio',
  speech: 'audio',
  videoAudio: 'audio',
  storyboard: 'plan',
  productShot: 'plan',
  stickyNote: 'note-yellow',
  sticker: 'sticker',
  group: 'group',
  pluginNode: 'plugin',
};

function colourOf(type: string | undefined, data: Record<string, unknown>): BoxColour {
  if (type === 'stickyNote') {
    const note = NOTE_COLORS.find((c) => c === data.color) ?? 'yellow';
    return `note-${note}`;
  }
  return isNodeKind(type) ? KIND_COLOURS[type] : 'plugin';
}

type Lookup = ReadonlyMap<string, InternalNode<Node>>;

function sizeOf(node: InternalNode<Node>): { width: number; height: number } {
  const fallback = estimatedSize(node);
  return {
    width: node.measured?.width ?? node.width ?? node.initialWidth ?? fallback.width,
    height: node.measured?.height ?? node.height ?? node.initialHeight ?? fallback.height,
  };
}

/** The edge colour from the class the editor gives each edge (`edge--image`, …). */
function edgeColourOf(className: string | undefined): EdgeColour {
  const match = /edge--(text|image|video|audio)\b/.exec(className ?? '');
  return (match?.[1] as EdgeColour | undefined) ?? 'default';
}

/** Where an edge leaves or enters a node: its handle's middle, else the middle of that side. */
function endPoint(node: InternalNode<Node>, side: 'source' | 'target', handleId: string | null | undefined) {
  const { x, y } = node.internals.positionAbsolute;
  const handles = node.internals.handleBounds?.[side] ?? null;
  const handle = handles?.find((h) => h.id === (handleId ?? null)) ?? handles?.[0];
  if (handle) return { x: x + handle.x + handle.width / 2, y: y + handle.y + handle.height / 2 };
  const { width, height } = sizeOf(node);
  return { x: side === 'source' ? x + width : x, y: y + height / 2 };
}

export function buildOverviewScene(lookup: Lookup, edges: readonly Edge[]): OverviewScene {
  const groups: OverviewBox[] = [];
  const others: OverviewBox[] = [];
  for (const node of lookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    const data = (node.data ?? {}) as Record<string, unknown>;
    const shape = node.type === 'group' ? 'group' : node.type === 'stickyNote' ? 'note' : 'node';
    const box: OverviewBox = {
      id: node.id,
      x,
      y,
      ...sizeOf(node),
      shape,
      colour: colourOf(node.type, data),
      selected: Boolean(node.selected),
      type: node.type,
      data,
    };
    (shape === 'group' ? groups : others).push(box);
  }
  const drawnEdges: OverviewEdge[] = [];
  for (const edge of edges) {
    const source = lookup.get(edge.source);
    const target = lookup.get(edge.target);
    if (!source || !target) continue;
    drawnEdges.push({
      id: edge.id,
      from: endPoint(source, 'source', edge.sourceHandle),
      to: endPoint(target, 'target', edge.targetHandle),
      colour: edgeColourOf(edge.className),
      selected: Boolean(edge.selected),
    });
  }
  return { boxes: [...groups, ...others], edges: drawnEdges };
}

/** How far an edge's curve leaves its ends horizontally (as the overview paints it). */
export const edgeBend = (edge: OverviewEdge) => Math.max(Math.abs(edge.to.x - edge.from.x) / 2, 40);

/** An edge's curve as SVG path data, for cutting it with ⌥-drag like a drawn edge. */
export function edgePathData(edge: OverviewEdge): string {
  const bend = edgeBend(edge);
  const { from, to } = edge;
  return `M${from.x},${from.y} C${from.x + bend},${from.y} ${to.x - bend},${to.y} ${to.x},${to.y}`;
}

const contains = (box: FlowRect, point: { x: number; y: number }) =>
  point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;

/** The box drawn on top at a point: a node before the group it lies on. */
export function boxAt(scene: OverviewScene, point: { x: number; y: number }): OverviewBox | null {
  for (let i = scene.boxes.length - 1; i >= 0; i--)
    if (contains(scene.boxes[i], point)) return scene.boxes[i];
  return null;
}

/** Boxes wholly inside a rectangle (a selection box). */
export function boxesInside(scene: OverviewScene, rect: FlowRect): OverviewBox[] {
  return scene.boxes.filter(
    (b) =>
      b.x >= rect.x &&
      b.y >= rect.y &&
      b.x + b.width <= rect.x + rect.width &&
      b.y + b.height <= rect.y + rect.height,
  );
}

export const overlaps = (a: FlowRect, b: FlowRect) =>
  a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

/** The part of the canvas on screen, in flow coordinates. */
export function viewRect(
  transform: readonly [number, number, number],
  width: number,
  height: number,
): FlowRect {
  const [tx, ty, zoom] = transform;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}
