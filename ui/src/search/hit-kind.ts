import type { SearchHit } from '../bindings/SearchHit';
import type { IconName } from '../components/Icon';
import { nodeTypeLabel } from '../canvas/node-specs';
import { ADD_NODE_ENTRIES } from '../editor/node-menu-items';

const ICONS: Record<string, IconName> = {
  ...Object.fromEntries(ADD_NODE_ENTRIES.map((entry) => [entry.kind, entry.icon])),
  pluginNode: 'puzzle',
};

/** The icon and words for what a hit is: a canvas, or a node of some type. */
export function hitKind(hit: Pick<SearchHit, 'nodeId' | 'nodeType'>): {
  icon: IconName;
  label: string;
  kind: string;
} {
  if (hit.nodeId === null) return { icon: 'grid', label: 'Canvas', kind: 'canvas' };
  const type = hit.nodeType ?? 'node';
  return { icon: ICONS[type] ?? 'layers', label: nodeTypeLabel(hit.nodeType), kind: type };
}
