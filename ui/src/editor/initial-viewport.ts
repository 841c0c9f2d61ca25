import type { Viewport } from '../bindings/Viewport';
import { absolutePositionIn } from './groups';
import { estimatedSize } from '../canvas/node-specs';
import type { KodaNode } from './persisted';

export interface FitOptions {
  minZoom: number;
  maxZoom: number;
  /** Share of the pane left empty around the nodes (0.2 = 10 % each side). */
  padding: number;
}

/** A node's size before React Flow has measured it: stored size, else about what it is drawn at. */
function sizeOf(node: KodaNode): { width: number; height: number } {
  const estimate = estimatedSize(node);
  return {
    width: node.width ?? node.measured?.width ?? estimate.width,
    height: node.height ?? node.measured?.height ?? estimate.height,
  };
}

/**
 * The viewport that shows every node, computed before the first render. Opening a canvas at its
 * final zoom (rather than fitting after a first render at zoom 1) draws a big canvas only once.
 */
export function fitViewport(
  nodes: readonly KodaNode[],
  pane: { width: number; height: number },
  options: FitOptions,
): Viewport {
  if (nodes.length === 0 || pane.width <= 0 || pane.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const absolute = absolutePositionIn(nodes);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const { x, y } = absolute(node);
    const { width, height } = sizeOf(node);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  }
  const width = Math.max(maxX - minX, 1);
  const height = Math.max(maxY - minY, 1);
  const fit = Math.min(
    pane.width / (width * (1 + options.padding)),
    pane.height / (height * (1 + options.padding)),
  );
  const zoom = Math.min(Math.max(fit, options.minZoom), options.maxZoom);
  return {
    x: pane.width / 2 - (minX + width / 2) * zoom,
    y: pane.height / 2 - (minY + height / 2) * zoom,
    zoom,
  };
}
