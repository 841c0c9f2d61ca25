import { childIdsOf, withMembers } from './groups';
import type { KodaEdge, KodaNode } from './persisted';

export interface ClipboardContent {
  nodes: KodaNode[];
  edges: KodaEdge[];
}

/** Copies the chosen nodes, the edges between them, and the members of chosen groups. */
export function copySelection(
  nodes: readonly KodaNode[],
  edges: readonly KodaEdge[],
  ids: ReadonlySet<string>,
): ClipboardContent {
  // A copied group brings its contents along (`data.childNodeIds`, or a legacy `parentId`).
  const chosen = withMembers(nodes, ids);
  return {
    nodes: nodes.filter((n) => chosen.has(n.id)).map((n) => structuredClone(stripUi(n))),
    edges: edges
      .filter((e) => chosen.has(e.source) && chosen.has(e.target))
      .map((e) => ({ ...e, selected: false })),
  };
}

function stripUi(node: KodaNode): KodaNode {
  const {
    selected: _selected,
    dragging: _dragging,
    measured: _measured,
    resizing: _resizing,
    ...rest
  } = node;
  return rest as KodaNode;
}

/**
 * Fresh copies of clipboard content, `offset` away, with new ids. A copied group lists its
 * copied members (`childNodeIds` remapped; members that were not copied dropped, as Koda web
 * does). Legacy `parentId` children whose parent was not copied become top-level at their
 * absolute position. The copies come back selected.
 */
export function pasteClipboard(
  content: ClipboardContent,
  offset: { x: number; y: number },
  makeId: () => string,
  absolutePosition: (node: KodaNode) => { x: number; y: number } = (n) => n.position,
): ClipboardContent {
  const ids = new Map(content.nodes.map((n) => [n.id, makeId()]));
  const nodes = content.nodes.map((node): KodaNode => {
    const parentCopied = node.parentId !== undefined && ids.has(node.parentId);
    const base = parentCopied ? node.position : absolutePosition(node);
    // Children keep their place inside their (copied, already offset) parent.
    const position = parentCopied ? { ...base } : { x: base.x + offset.x, y: base.y + offset.y };
    const copy: KodaNode = { ...structuredClone(node), id: ids.get(node.id)!, position, selected: true };
    if (parentCopied) copy.parentId = ids.get(node.parentId!);
    else delete copy.parentId;
    if (node.type === 'group' && Array.isArray(node.data?.childNodeIds)) {
      copy.data = {
        ...copy.data,
        childNodeIds: childIdsOf(node).flatMap((id) => (ids.has(id) ? [ids.get(id)!] : [])),
      };
    }
    return copy;
  });
  const edges = content.edges.map((edge) => ({
    ...edge,
    id: makeId(),
    source: ids.get(edge.source)!,
    target: ids.get(edge.target)!,
    selected: false,
  }));
  return { nodes, edges };
}
