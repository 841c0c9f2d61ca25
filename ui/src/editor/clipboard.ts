import type { KodaEdge, KodaNode } from './persisted';

export interface ClipboardContent {
  nodes: KodaNode[];
  edges: KodaEdge[];
}

/** Copies the chosen nodes, the edges between them, and the children of chosen groups. */
export function copySelection(nodes: readonly KodaNode[], edges: readonly KodaEdge[], ids: ReadonlySet<string>): ClipboardContent {
  const chosen = new Set(ids);
  // A copied group brings its contents along.
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of nodes) {
      if (node.parentId && chosen.has(node.parentId) && !chosen.has(node.id)) {
        chosen.add(node.id);
        grew = true;
      }
    }
  }
  return {
    nodes: nodes.filter((n) => chosen.has(n.id)).map((n) => structuredClone(stripUi(n))),
    edges: edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)).map((e) => ({ ...e, selected: false })),
  };
}

function stripUi(node: KodaNode): KodaNode {
  const { selected: _selected, dragging: _dragging, measured: _measured, resizing: _resizing, ...rest } = node;
  return rest as KodaNode;
}

/**
 * Fresh copies of clipboard content, `offset` away, with new ids. Nodes whose parent was not
 * copied become top-level at their absolute position. The copies come back selected.
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
