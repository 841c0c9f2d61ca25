import { nodeWords } from '../canvas/node-content';
import type { KodaEdge, KodaNode } from './persisted';

/** Target node id → the words wired into its `text` input (null: wired to something without words). */
type PromptIndex = ReadonlyMap<string, string | null>;

let cached: { nodes: readonly KodaNode[]; edges: readonly KodaEdge[]; index: PromptIndex } | null = null;

/**
 * Which words feed each generator's `text` input, built once per nodes/edges change (linear) and
 * shared by every generator node, so a node's lookup is O(1) instead of a scan of the whole canvas.
 */
export function incomingPromptIndex(nodes: readonly KodaNode[], edges: readonly KodaEdge[]): PromptIndex {
  if (cached && cached.nodes === nodes && cached.edges === edges) return cached.index;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const index = new Map<string, string | null>();
  for (const edge of edges) {
    // The first wire into a text input wins, as Koda web reads it.
    if (edge.targetHandle !== 'text' || index.has(edge.target)) continue;
    const source = byId.get(edge.source);
    const words = source?.type === 'text' ? nodeWords('text', source.data) : null;
    index.set(edge.target, words);
  }
  cached = { nodes, edges, index };
  return index;
}

/** The words wired into `nodeId`'s text input, or null when none are. */
export function incomingPromptText(
  state: { nodes: readonly KodaNode[]; edges: readonly KodaEdge[] },
  nodeId: string,
): string | null {
  return incomingPromptIndex(state.nodes, state.edges).get(nodeId) ?? null;
}
