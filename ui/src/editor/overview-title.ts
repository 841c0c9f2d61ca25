import { nodeWords } from '../canvas/node-content';
import { readString } from '../canvas/node-data';
import { modelLabel } from '../canvas/models';
import { nodeTypeLabel } from '../canvas/node-specs';

const MAX_CHARS = 48;

function firstLine(value: string): string {
  const line = value.trim().split('\n')[0].trim();
  return line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS - 1)}…` : line;
}

/** The one line a node shows in the zoomed-out overview: its name, else what it says, else what it is. */
export function overviewTitle(type: string | undefined, data: Record<string, unknown> | undefined): string {
  const label = nodeTypeLabel(type);
  const name = firstLine(readString(data, 'name') ?? '');
  if (name) return name;
  const words = firstLine(nodeWords(type, data));
  if (words) return words;
  const model = readString(data, 'model');
  if ((type === 'imageGenerator' || type === 'videoGenerator') && model)
    return `${label} · ${modelLabel(model)}`;
  return label;
}
