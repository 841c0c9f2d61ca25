import { nodeTypeLabel } from '../../canvas/node-specs';
import { htmlToText } from '../../canvas/rich-text';

/** What a person calls a node in a sentence: its name, else its first words, else its type. */
export function nodeLabel(node: { type?: string; data?: Record<string, unknown> }): string {
  const data = node.data ?? {};
  if (typeof data.name === 'string' && data.name.trim()) return data.name.trim();
  for (const key of ['content', 'prompt', 'text', 'concept', 'productName', 'emoji']) {
    const value = data[key];
    if (typeof value !== 'string' || !value.trim()) continue;
    const words = htmlToText(value).replace(/\s+/g, ' ').trim();
    return words.length > 28 ? `${words.slice(0, 27).trimEnd()}…` : words;
  }
  return nodeTypeLabel(node.type);
}
