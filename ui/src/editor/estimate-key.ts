import type { KodaEdge } from './persisted';

/**
 * What a generator's estimate depends on, as one string: its settings (not its outputs, name or
 * status, which a run writes), what is wired into it and the words wired in. When this changes
 * the estimate is asked for again; when a run's outputs arrive it does not.
 */
const NOT_INPUT = new Set([
  'name',
  'outputUrl',
  'outputUrls',
  'outputHistory',
  'outputProviderUrls',
  'lastRunId',
  'lastRunFingerprint',
  'error',
  'isGenerating',
  'progress',
  'thumbnailUrl',
]);

export function estimateKey(
  data: Record<string, unknown>,
  wiring: string,
  incomingWords: string | null,
): string {
  const settings = Object.keys(data)
    .filter((key) => !NOT_INPUT.has(key) && data[key] !== undefined)
    .sort()
    .map((key) => `${key}=${JSON.stringify(data[key])}`)
    .join('&');
  return `${settings}|${wiring}|${incomingWords ?? ''}`;
}

let cached: { edges: readonly KodaEdge[]; index: ReadonlyMap<string, string> } | null = null;

/** Target node id → its incoming edges (source, handles) as a string; built once per edges change. */
export function incomingWiring(edges: readonly KodaEdge[], nodeId: string): string {
  if (!cached || cached.edges !== edges) {
    const lists = new Map<string, string[]>();
    for (const edge of edges) {
      const entry = `${edge.source}:${edge.sourceHandle ?? ''}>${edge.targetHandle ?? ''}`;
      const list = lists.get(edge.target);
      if (list) list.push(entry);
      else lists.set(edge.target, [entry]);
    }
    cached = { edges, index: new Map([...lists].map(([target, list]) => [target, list.sort().join(',')])) };
  }
  return cached.index.get(nodeId) ?? '';
}

let outputsCached: {
  nodes: readonly { id: string; data?: Record<string, unknown> }[];
  edges: readonly KodaEdge[];
  index: ReadonlyMap<string, string>;
} | null = null;

/**
 * The outputs wired into a node (each source's `outputUrl` or media `url`), as a string: when an
 * upstream node gets its first output, a node waiting for a frame or a reference can run, so its
 * estimate is asked for again. Built once per nodes/edges change, then looked up.
 */
export function incomingOutputs(
  nodes: readonly { id: string; data?: Record<string, unknown> }[],
  edges: readonly KodaEdge[],
  nodeId: string,
): string {
  if (!outputsCached || outputsCached.nodes !== nodes || outputsCached.edges !== edges) {
    const output = new Map<string, string>();
    for (const node of nodes) {
      const value = node.data?.outputUrl ?? node.data?.url;
      if (typeof value === 'string' && value) output.set(node.id, value);
    }
    const lists = new Map<string, string[]>();
    for (const edge of edges) {
      const url = output.get(edge.source);
      if (!url) continue;
      const list = lists.get(edge.target);
      if (list) list.push(url);
      else lists.set(edge.target, [url]);
    }
    outputsCached = {
      nodes,
      edges,
      index: new Map([...lists].map(([target, list]) => [target, list.sort().join(',')])),
    };
  }
  return outputsCached.index.get(nodeId) ?? '';
}
