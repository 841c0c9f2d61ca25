import { isNodeKind, type NodeKind } from './node-specs';

interface ThumbNode {
  id: string;
  type?: string;
  parentId?: string;
  position: { x: number; y: number };
  width?: number;
  height?: number;
  measured?: { width?: number; height?: number };
}

interface ThumbEdge {
  source: string;
  target: string;
}

/** Colours are fixed (an <img> cannot read CSS variables); chosen to read on both themes. */
const FILL: Record<NodeKind, string> = {
  prompt: '#f4b860',
  imageGenerator: '#8b7bff',
  videoGenerator: '#ff7aa8',
  media: '#4fd1c5',
  stickyNote: '#f7d774',
  group: '#8b93a7',
};

const escapeAttr = (value: string) => value.replace(/[<>&"']/g, '');

/**
 * A small SVG picture of the canvas layout (boxes and links) for the dashboard card, as a
 * data: URL so it works offline and under the strict CSP. Null for an empty canvas.
 */
export function renderThumbnail(nodes: readonly ThumbNode[], edges: readonly ThumbEdge[], width = 320, height = 200): string | null {
  if (nodes.length === 0) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const absolute = (node: ThumbNode): { x: number; y: number } => {
    let x = node.position.x;
    let y = node.position.y;
    let parent = node.parentId ? byId.get(node.parentId) : undefined;
    const seen = new Set<string>();
    while (parent && !seen.has(parent.id)) {
      seen.add(parent.id);
      x += parent.position.x;
      y += parent.position.y;
      parent = parent.parentId ? byId.get(parent.parentId) : undefined;
    }
    return { x, y };
  };
  const boxes = nodes.map((node) => {
    const { x, y } = absolute(node);
    const w = node.width ?? node.measured?.width ?? 240;
    const h = node.height ?? node.measured?.height ?? 160;
    return { node, x, y, w, h };
  });
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.w));
  const maxY = Math.max(...boxes.map((b) => b.y + b.h));
  const pad = 18;
  const scale = Math.min((width - pad * 2) / Math.max(maxX - minX, 1), (height - pad * 2) / Math.max(maxY - minY, 1), 0.6);
  const offsetX = (width - (maxX - minX) * scale) / 2;
  const offsetY = (height - (maxY - minY) * scale) / 2;
  const sx = (x: number) => ((x - minX) * scale + offsetX).toFixed(1);
  const sy = (y: number) => ((y - minY) * scale + offsetY).toFixed(1);
  const boxById = new Map(boxes.map((b) => [b.node.id, b]));

  const links = edges
    .map((edge) => {
      const a = boxById.get(edge.source);
      const b = boxById.get(edge.target);
      if (!a || !b) return '';
      const x1 = a.x + a.w;
      const y1 = a.y + a.h / 2;
      const x2 = b.x;
      const y2 = b.y + b.h / 2;
      const mid = (x1 + x2) / 2;
      return `<path d="M${sx(x1)} ${sy(y1)} C${sx(mid)} ${sy(y1)} ${sx(mid)} ${sy(y2)} ${sx(x2)} ${sy(y2)}" fill="none" stroke="#ffffff" stroke-opacity=".55" stroke-width="1.5"/>`;
    })
    .join('');
  const rects = boxes
    .sort((a, b) => (a.node.type === 'group' ? -1 : 0) - (b.node.type === 'group' ? -1 : 0))
    .map(({ node, x, y, w, h }) => {
      const fill = isNodeKind(node.type) ? FILL[node.type] : '#9aa3b5';
      const group = node.type === 'group';
      const rx = Math.max(2, 10 * scale).toFixed(1);
      const box = `x="${sx(x)}" y="${sy(y)}" width="${(w * scale).toFixed(1)}" height="${(h * scale).toFixed(1)}" rx="${rx}"`;
      return group
        ? `<rect ${box} fill="${fill}" fill-opacity=".12" stroke="${fill}" stroke-opacity=".6" stroke-dasharray="4 3"/>`
        : `<rect ${box} fill="#15171f" fill-opacity=".85" stroke="${fill}" stroke-width="1.5"/><rect x="${sx(x)}" y="${sy(y)}" width="${(w * scale).toFixed(1)}" height="${Math.max(3, 22 * scale).toFixed(1)}" rx="${rx}" fill="${fill}" fill-opacity=".9"/>`;
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" data-nodes="${escapeAttr(String(nodes.length))}">${links}${rects}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
