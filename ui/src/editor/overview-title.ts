import { isNodeKind, NODE_SPECS } from './node-specs';

const MAX_CHARS = 48;

function firstLine(value: unknown): string {
  if (typeof value !== 'string') return '';
  const line = value.trim().split('\n')[0].trim();
  return line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS - 1)}…` : line;
}

/** The one line a node shows in the zoomed-out overview: what it says, else what it is. */
export function overviewTitle(type: string | undefined, data: Record<string, unknown> | undefined): string {
  const fallback = isNodeKind(type) ? NODE_SPECS[type].label : (type ?? 'Node');
  switch (type) {
    case 'prompt':
    case 'stickyNote':
      return firstLine(data?.text) || fallback;
    case 'media':
      return firstLine(data?.filename) || fallback;
    case 'group':
      return firstLine(data?.label) || fallback;
    case 'imageGenerator':
    case 'videoGenerator':
      return typeof data?.model === 'string' && data.model ? `${fallback} · ${data.model}` : fallback;
    default:
      return fallback;
  }
}
