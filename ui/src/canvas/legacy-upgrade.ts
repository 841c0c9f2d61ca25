/**
 * Canvases the desktop app saved before it adopted Koda web's node model, brought up to it. The
 * same mapping as the desktop database migration (keep them in step):
 *
 * | old type | data | handles |
 * | --- | --- | --- |
 * | `prompt` → `text` | `text` → `content` | source `text` → `output` |
 * | `imageGenerator` | `model` label → id (`LEGACY_IMAGE_MODEL_IDS`) | target `prompt` → `text`; source `image` → `output` |
 * | `videoGenerator` | `model` label → id (`LEGACY_VIDEO_MODEL_IDS`) | target `prompt` → `text`, `image` → `firstFrame`; source `video` → `output` |
 * | `media` | `kind` → `type`, `src` → `url` | source `image`/`video` → `output` |
 * | `stickyNote` | `text` → `content` | |
 * | `group` | `label` → `name` | |
 *
 * Edges are matched by the old type of the node at their end. Everything else is kept as it is.
 */
import { LEGACY_IMAGE_MODEL_IDS, LEGACY_VIDEO_MODEL_IDS } from './models';

interface NodeLike {
  id: string;
  type?: string;
  data?: Record<string, unknown>;
}

interface EdgeLike {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

const has = (data: Record<string, unknown> | undefined, key: string) =>
  data !== undefined && data !== null && Object.prototype.hasOwnProperty.call(data, key);

/** Whether a node has the shape only the old desktop model gave it (Koda web never does). */
function isLegacyNode(node: NodeLike): boolean {
  const data = node.data;
  switch (node.type) {
    case 'prompt':
      return true;
    case 'imageGenerator':
      return typeof data?.model === 'string' && data.model in LEGACY_IMAGE_MODEL_IDS;
    case 'videoGenerator':
      return typeof data?.model === 'string' && data.model in LEGACY_VIDEO_MODEL_IDS;
    case 'media':
      return (has(data, 'kind') || has(data, 'src')) && !has(data, 'url');
    case 'stickyNote':
      return has(data, 'text') && !has(data, 'content');
    case 'group':
      return has(data, 'label') && !has(data, 'name');
    default:
      return false;
  }
}

/** Whether an edge uses a handle id only the old desktop model drew. */
function isLegacyEdge(edge: EdgeLike, types: ReadonlyMap<string, string | undefined>): boolean {
  const source = types.get(edge.source);
  const target = types.get(edge.target);
  return (
    ((target === 'imageGenerator' || target === 'videoGenerator') && edge.targetHandle === 'prompt') ||
    (target === 'videoGenerator' && edge.targetHandle === 'image') ||
    (source === 'imageGenerator' && edge.sourceHandle === 'image') ||
    (source === 'videoGenerator' && edge.sourceHandle === 'video')
  );
}

/** Whether a canvas holds nodes or edges of the old desktop model. */
export function isLegacyCanvas(canvas: {
  nodes?: readonly NodeLike[];
  edges?: readonly EdgeLike[];
}): boolean {
  const nodes = canvas.nodes ?? [];
  if (nodes.some(isLegacyNode)) return true;
  const types = new Map(nodes.map((n) => [n.id, n.type]));
  return (canvas.edges ?? []).some((edge) => isLegacyEdge(edge, types));
}

function rename(data: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  if (!has(data, from)) return data;
  const { [from]: value, ...rest } = data;
  return { ...rest, [to]: value };
}

function upgradeNode<T extends NodeLike>(node: T): T {
  const data = node.data ?? {};
  switch (node.type) {
    case 'prompt':
      return { ...node, type: 'text', data: rename(data, 'text', 'content') };
    case 'imageGenerator': {
      const id = typeof data.model === 'string' ? LEGACY_IMAGE_MODEL_IDS[data.model] : undefined;
      return id ? { ...node, data: { ...data, model: id } } : node;
    }
    case 'videoGenerator': {
      const id = typeof data.model === 'string' ? LEGACY_VIDEO_MODEL_IDS[data.model] : undefined;
      return id ? { ...node, data: { ...data, model: id } } : node;
    }
    case 'media': {
      const next = rename(rename(data, 'kind', 'type'), 'src', 'url');
      return next === data ? node : { ...node, data: next };
    }
    case 'stickyNote': {
      const next = rename(data, 'text', 'content');
      return next === data ? node : { ...node, data: next };
    }
    case 'group': {
      const next = rename(data, 'label', 'name');
      return next === data ? node : { ...node, data: next };
    }
    default:
      return node;
  }
}

const SOURCE_RENAMES: Record<string, Record<string, string>> = {
  prompt: { text: 'output' },
  imageGenerator: { image: 'output' },
  videoGenerator: { video: 'output' },
  media: { image: 'output', video: 'output' },
};
const TARGET_RENAMES: Record<string, Record<string, string>> = {
  imageGenerator: { prompt: 'text' },
  videoGenerator: { prompt: 'text', image: 'firstFrame' },
};

function upgradeEdge<T extends EdgeLike>(edge: T, oldTypes: ReadonlyMap<string, string | undefined>): T {
  const source = edge.sourceHandle
    ? SOURCE_RENAMES[oldTypes.get(edge.source) ?? '']?.[edge.sourceHandle]
    : undefined;
  const target = edge.targetHandle
    ? TARGET_RENAMES[oldTypes.get(edge.target) ?? '']?.[edge.targetHandle]
    : undefined;
  if (!source && !target) return edge;
  return {
    ...edge,
    ...(source ? { sourceHandle: source } : {}),
    ...(target ? { targetHandle: target } : {}),
  };
}

/**
 * A canvas of the old desktop model in Koda web's model; any other canvas is returned as it is
 * (the same object), so Koda web canvases are never touched. Pure: the input is not changed.
 */
export function upgradeLegacyCanvas<C extends { nodes?: NodeLike[]; edges?: EdgeLike[] }>(canvas: C): C {
  if (!isLegacyCanvas(canvas)) return canvas;
  const nodes = canvas.nodes ?? [];
  const oldTypes = new Map(nodes.map((n) => [n.id, n.type]));
  return {
    ...canvas,
    nodes: nodes.map(upgradeNode),
    edges: (canvas.edges ?? []).map((edge) => upgradeEdge(edge, oldTypes)),
  };
}
