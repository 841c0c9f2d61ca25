import { inputsOf, outputsOf, type DataType } from '../canvas/handles';

export interface ConnectionLike {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

interface NodeLike {
  id: string;
  type?: string;
  data?: Record<string, unknown>;
}

export type ConnectionVerdict = { ok: true; dataType: DataType } | { ok: false; reason: string };

/**
 * Whether a connection may be made: both handles are drawn by their nodes (Koda web's ids, see
 * `canvas/handles.ts`), carry the same kind of data (text→text, image→image, video→video,
 * audio→audio), it is not a self-loop, and it is not already there.
 */
export function checkConnection(
  connection: ConnectionLike,
  nodes: readonly NodeLike[],
  edges: readonly ConnectionLike[],
): ConnectionVerdict {
  const { source, target } = connection;
  if (source === target) return { ok: false, reason: 'A node cannot connect to itself' };
  const sourceNode = nodes.find((n) => n.id === source);
  const targetNode = nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return { ok: false, reason: 'Both nodes must exist' };
  const output = outputsOf(sourceNode.type, sourceNode.data).find((h) => h.id === connection.sourceHandle);
  const input = inputsOf(targetNode.type, targetNode.data).find((h) => h.id === connection.targetHandle);
  if (!output) return { ok: false, reason: 'That is not an output' };
  if (!input) return { ok: false, reason: 'That is not an input' };
  if (output.dataType !== input.dataType)
    return { ok: false, reason: `${output.label} cannot go into ${input.label}` };
  const duplicate = edges.some(
    (e) =>
      e.source === source &&
      e.target === target &&
      (e.sourceHandle ?? null) === (connection.sourceHandle ?? null) &&
      (e.targetHandle ?? null) === (connection.targetHandle ?? null),
  );
  if (duplicate) return { ok: false, reason: 'Already connected' };
  return { ok: true, dataType: output.dataType };
}

export function isValidConnection(
  connection: ConnectionLike,
  nodes: readonly NodeLike[],
  edges: readonly ConnectionLike[],
): boolean {
  return checkConnection(connection, nodes, edges).ok;
}
