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

export function estimateKey(data: Record<string, unknown>, wiring: string, incomingWords: string | null): string {
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
