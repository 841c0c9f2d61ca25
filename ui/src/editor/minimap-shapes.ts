import type { Rect } from './groups';
import { absolutePositionIn } from './groups';
import { estimatedSize, isNodeKind, type NodeKind } from '../canvas/node-specs';
import type { KodaNode } from './persisted';

/** One SVG path per kind of node: a handful of elements for the whole canvas, however big. */
export interface MinimapShapes {
  /** Bounds of every node in flow coordinates; null for an empty canvas. */
  bounds: Rect | null;
  /** Rectangles as path data, by node kind (`other` for unknown types). */
  paths: Partial<Record<NodeKind | 'other', string>>;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function minimapShapes(nodes: readonly KodaNode[]): MinimapShapes {
  if (nodes.length === 0) return { bounds: null, paths: {} };
  const absolute = absolutePositionIn(nodes);
  const parts: Partial<Record<NodeKind | 'other', string[]>> = {};
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    if (node.hidden) continue;
    const { x, y } = absolute(node);
    const kind = isNodeKind(node.type) ? node.type : 'other';
    const fallback = estimatedSize(node);
    const width = node.measured?.width ?? node.width ?? fallback.width;
    const height = node.measured?.height ?? node.height ?? fallback.height;
    (parts[kind] ??= []).push(`M${round(x)} ${round(y)}h${round(width)}v${round(height)}h${round(-width)}z`);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  }
  if (minX === Infinity) return { bounds: null, paths: {} };
  const paths: MinimapShapes['paths'] = {};
  for (const [kind, list] of Object.entries(parts) as [NodeKind | 'other', string[]][])
    paths[kind] = list.join('');
  return { bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY }, paths };
}
