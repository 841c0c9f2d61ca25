import type { NodeHandle, Position } from '@xyflow/react';
import { FALLBACK_INPUT, FALLBACK_OUTPUT, handlesOf } from './handles';
import { naturalSize } from './node-specs';

/**
 * Where a full node draws its handles, as laid out by nodes.css (header, then one 24 px row per
 * port, a 12 px handle centred on each side's edge). Measured in the browser; keep in step with
 * `.knode__header`, `.ports` and `.react-flow__handle.handle`.
 */
export const HANDLE_SIZE = 12;
export const FIRST_HANDLE_TOP = 51;
export const HANDLE_ROW_HEIGHT = 24;
/** The invisible fallback handles sit level with the middle of a card's header. */
export const FALLBACK_HANDLE_TOP = 13;
const LEFT_HANDLE_X = -5;
/** A right-hand handle starts this far left of the node's right edge. */
const RIGHT_HANDLE_INSET = 7;

/**
 * The width a node is drawn at: its own, else its natural width (the canvas gives nodes without
 * one that width, see `EditorCanvas`), so handle positions are known before it is drawn.
 */
export function drawnWidth(node: { type?: string; data?: Record<string, unknown>; width?: number }): number {
  return node.width ?? naturalSize(node.type, node.data).width;
}

/**
 * A node's handles, known without drawing it. React Flow uses them for edges and, given them,
 * does not have to mount every node once just to measure it (which `onlyRenderVisibleElements`
 * otherwise does on load). A side without handles has its invisible fallback handle.
 */
export function handlesFor(node: {
  type?: string;
  data?: Record<string, unknown>;
  width?: number;
}): NodeHandle[] {
  const { inputs, outputs } = handlesOf(node.type, node.data);
  const width = drawnWidth(node);
  const handle = (id: string, type: 'source' | 'target', y: number): NodeHandle => ({
    id,
    type,
    // Position's values as strings: a value import of React Flow would pull it into the
    // dashboard's code (the thumbnails lay out handles too), and React Flow loads with the editor.
    position: (type === 'target' ? 'left' : 'right') as Position,
    x: type === 'target' ? LEFT_HANDLE_X : width - RIGHT_HANDLE_INSET,
    y,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  });
  const row = (index: number) => FIRST_HANDLE_TOP + index * HANDLE_ROW_HEIGHT;
  return [
    ...(inputs.length
      ? inputs.map((spec, i) => handle(spec.id, 'target', row(i)))
      : [handle(FALLBACK_INPUT, 'target', FALLBACK_HANDLE_TOP)]),
    ...(outputs.length
      ? outputs.map((spec, i) => handle(spec.id, 'source', row(i)))
      : [handle(FALLBACK_OUTPUT, 'source', FALLBACK_HANDLE_TOP)]),
  ];
}
