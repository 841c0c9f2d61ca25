import { Position, type NodeHandle } from '@xyflow/react';
import { inputsOf, isNodeKind, outputsOf } from './node-specs';

/**
 * Where a full node draws its handles, as laid out by nodes.css (header, then one 24 px row per
 * port, a 12 px handle centred on each side's edge). Measured in the browser; keep in step with
 * `.knode__header`, `.ports` and `.react-flow__handle.handle`.
 */
export const HANDLE_SIZE = 12;
export const FIRST_HANDLE_TOP = 51;
export const HANDLE_ROW_HEIGHT = 24;
const LEFT_HANDLE_X = -5;
/** A right-hand handle starts this far left of the node's right edge. */
const RIGHT_HANDLE_INSET = 7;

/**
 * A node's handles, known without drawing it. React Flow uses them for edges and, given them,
 * does not have to mount every node once just to measure it (which `onlyRenderVisibleElements`
 * otherwise does on load). Undefined when the node's width is not known yet.
 */
export function handlesFor(node: { type?: string; data?: Record<string, unknown>; width?: number; measured?: { width?: number } }): NodeHandle[] | undefined {
  if (!isNodeKind(node.type)) return undefined;
  const inputs = inputsOf(node.type);
  const outputs = outputsOf(node.type, node.data);
  const width = node.width ?? node.measured?.width;
  if (outputs.length > 0 && width === undefined) return undefined;
  const handle = (id: string, type: 'source' | 'target', row: number): NodeHandle => ({
    id,
    type,
    position: type === 'target' ? Position.Left : Position.Right,
    x: type === 'target' ? LEFT_HANDLE_X : (width ?? 0) - RIGHT_HANDLE_INSET,
    y: FIRST_HANDLE_TOP + row * HANDLE_ROW_HEIGHT,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  });
  return [...inputs.map((spec, row) => handle(spec.id, 'target', row)), ...outputs.map((spec, row) => handle(spec.id, 'source', row))];
}
