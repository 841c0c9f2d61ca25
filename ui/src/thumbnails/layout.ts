import type { Rect } from '../editor/groups';
import { handlesFor } from '../canvas/handle-geometry';
import { edgeDataType, resolveHandle } from '../canvas/handles';
import { estimatedSize } from '../canvas/node-specs';

/** What a canvas picture needs of a node: where it is and what it is. */
export interface PictureNode {
  id: string;
  type?: string;
  parentId?: string;
  position: { x: number; y: number };
  width?: number;
  height?: number;
  measured?: { width?: number; height?: number };
  data?: Record<string, unknown>;
}

export interface PictureEdge {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/** A node's box in picture pixels. */
export interface SceneBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The node type (`text`, `group`, … or anything unknown). */
  kind: string;
  /** Sticky-note colour name, or a group's colour, when it has one. */
  color?: string;
}

/** An edge from an output (right side) to an input (left side), in picture pixels. */
export interface SceneLink {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The data type it carries (`text`, `image`, `video`, `audio`), for its colour. */
  dataType: string;
}

export interface ThumbnailScene {
  width: number;
  height: number;
  /** Picture pixels per flow unit. */
  scale: number;
  /** Groups first, so they lie beneath the rest. */
  boxes: SceneBox[];
  links: SceneLink[];
}

export interface LayoutOptions {
  width: number;
  height: number;
  /** Empty margin around the content, in picture pixels (fitting only). */
  padding?: number;
  /** Never magnify more than this (a lone node stays node-sized, fitting only). */
  maxScale?: number;
  /** Show exactly this part of the canvas (flow coordinates) instead of fitting everything. */
  view?: Rect;
}

function sizeOf(node: PictureNode): { width: number; height: number } {
  const fallback = estimatedSize(node);
  return {
    width: node.width ?? node.measured?.width ?? fallback.width,
    height: node.height ?? node.measured?.height ?? fallback.height,
  };
}

/** Where an edge meets a node: the centre of the handle it is drawn to, else the middle of that side. */
function anchor(
  node: PictureNode,
  box: Rect,
  handleId: string | null | undefined,
  side: 'source' | 'target',
): { x: number; y: number } {
  const id = resolveHandle(node.type, node.data, side, handleId);
  const handle = handlesFor({ ...node, width: box.width }).find((h) => h.type === side && h.id === id);
  if (handle)
    return { x: box.x + handle.x + (handle.width ?? 0) / 2, y: box.y + handle.y + (handle.height ?? 0) / 2 };
  return { x: side === 'source' ? box.x + box.width : box.x, y: box.y + box.height / 2 };
}

/**
 * Lays a canvas out for a picture: every node fitted into `width × height` (centred, with a
 * margin), or the part of the canvas given as `view`. Null when there is nothing to draw.
 */
export function layoutThumbnail(
  nodes: readonly PictureNode[],
  edges: readonly PictureEdge[],
  options: LayoutOptions,
): ThumbnailScene | null {
  if (nodes.length === 0) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const flowBoxes = new Map<string, Rect>();
  const absolute = (node: PictureNode): { x: number; y: number } => {
    let { x, y } = node.position;
    const seen = new Set<string>();
    let parent = node.parentId ? byId.get(node.parentId) : undefined;
    while (parent && !seen.has(parent.id)) {
      seen.add(parent.id);
      x += parent.position.x;
      y += parent.position.y;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    return { x, y };
  };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const box = { ...absolute(node), ...sizeOf(node) };
    flowBoxes.set(node.id, box);
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.width);
    maxY = Math.max(maxY, box.y + box.height);
  }

  const { width, height } = options;
  let scale: number;
  let toX: (x: number) => number;
  let toY: (y: number) => number;
  if (options.view) {
    const view = options.view;
    scale = Math.min(width / Math.max(view.width, 1), height / Math.max(view.height, 1));
    const offsetX = (width - view.width * scale) / 2;
    const offsetY = (height - view.height * scale) / 2;
    toX = (x) => (x - view.x) * scale + offsetX;
    toY = (y) => (y - view.y) * scale + offsetY;
  } else {
    const padding = options.padding ?? 18;
    scale = Math.min(
      (width - padding * 2) / Math.max(maxX - minX, 1),
      (height - padding * 2) / Math.max(maxY - minY, 1),
      options.maxScale ?? 0.6,
    );
    const offsetX = (width - (maxX - minX) * scale) / 2;
    const offsetY = (height - (maxY - minY) * scale) / 2;
    toX = (x) => (x - minX) * scale + offsetX;
    toY = (y) => (y - minY) * scale + offsetY;
  }

  const visible = (r: { x: number; y: number; width: number; height: number }) =>
    r.x + r.width >= 0 && r.y + r.height >= 0 && r.x <= width && r.y <= height;
  const boxes: SceneBox[] = [];
  for (const node of nodes) {
    const flow = flowBoxes.get(node.id)!;
    const box: SceneBox = {
      x: toX(flow.x),
      y: toY(flow.y),
      width: flow.width * scale,
      height: flow.height * scale,
      kind: node.type ?? 'unknown',
    };
    if ((node.type === 'stickyNote' || node.type === 'group') && typeof node.data?.color === 'string')
      box.color = node.data.color;
    if (visible(box)) boxes.push(box);
  }
  boxes.sort((a, b) => Number(b.kind === 'group') - Number(a.kind === 'group'));

  const links: SceneLink[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const from = anchor(source, flowBoxes.get(source.id)!, edge.sourceHandle, 'source');
    const to = anchor(target, flowBoxes.get(target.id)!, edge.targetHandle, 'target');
    const link = {
      x1: toX(from.x),
      y1: toY(from.y),
      x2: toX(to.x),
      y2: toY(to.y),
      dataType: edgeDataType(source.type, source.data, edge.sourceHandle) ?? 'default',
    };
    const bounds = {
      x: Math.min(link.x1, link.x2),
      y: Math.min(link.y1, link.y2),
      width: Math.abs(link.x2 - link.x1),
      height: Math.abs(link.y2 - link.y1),
    };
    if (visible(bounds)) links.push(link);
  }
  return { width, height, scale, boxes, links };
}
