import type { KodaEdge, KodaNode } from './persisted';

/** Target node id → the text of the prompt wired into its `prompt` input (null: wired to something without text). */
type PromptIndex = ReadonlyMap<string, string | null>;

let cached: { nodes: readonly KodaNode[]; edges: readonly KodaEdge[]; index: PromptIndex } | null = null;

/**
 * Which prompt text feeds each generator, built once per nodes/edges change (linear) and shared
 * by every generator node, so a node's lookup is O(1) instead of a scan of the whole canvas.
 */
export function incomingPromptIndex(nodes: readonly KodaNode[], edges: readonly KodaEdge[]): PromptIndex {
  if (cached && cached.nodes === nodes && cached.edges === edges) return cached.index;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const index = new Map<string, string | null>();
  for (const edge of edges) {
    // The first wire into a prompt input wins, as it did when each node searched for it.
    if (edge.targetHandle !== 'prompt' || index.has(edge.target)) continue;
    const text = byId.get(edge.source)?.data.text;
    index.set(edge.target, typeof text === 'string' ? text : null);
  }
  cached = { nodes, edges, index };
  return index;
}

/** The prompt text wired into `nodeId`, or null when none is. */
export function incomingPromptText(state: { nodes: readonly KodaNode[]; edges: readonly KodaEdge[] }, nodeId: string): string | null {
  return incomingPromptIndex(state.nodes, state.edges).get(nodeId) ?? null;
}
