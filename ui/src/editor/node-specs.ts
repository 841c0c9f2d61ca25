/**
 * The node kinds Koda offers and the typed handles each one has. Handle ids are stable: they are
 * stored in edges and used by end-to-end tests.
 */
export type DataType = 'text' | 'image' | 'video';
export type NodeKind = 'prompt' | 'imageGenerator' | 'videoGenerator' | 'media' | 'stickyNote' | 'group';

export interface HandleSpec {
  id: string;
  dataType: DataType;
  label: string;
}

export interface NodeSpec {
  kind: NodeKind;
  label: string;
  /** Short noun for menus ("Add prompt"). */
  description: string;
  inputs: HandleSpec[];
  outputs: HandleSpec[];
  defaultSize: { width: number; height: number };
  resizable: boolean;
}

export const NODE_SPECS: Record<NodeKind, NodeSpec> = {
  prompt: {
    kind: 'prompt',
    label: 'Prompt',
    description: 'Text that drives a generator',
    inputs: [],
    outputs: [{ id: 'text', dataType: 'text', label: 'Text' }],
    defaultSize: { width: 280, height: 180 },
    resizable: true,
  },
  imageGenerator: {
    kind: 'imageGenerator',
    label: 'Image generator',
    description: 'Turns a prompt into an image',
    inputs: [
      { id: 'prompt', dataType: 'text', label: 'Prompt' },
      { id: 'reference', dataType: 'image', label: 'Reference' },
    ],
    outputs: [{ id: 'image', dataType: 'image', label: 'Image' }],
    defaultSize: { width: 300, height: 340 },
    resizable: true,
  },
  videoGenerator: {
    kind: 'videoGenerator',
    label: 'Video generator',
    description: 'Animates a prompt or an image',
    inputs: [
      { id: 'prompt', dataType: 'text', label: 'Prompt' },
      { id: 'image', dataType: 'image', label: 'Start frame' },
    ],
    outputs: [{ id: 'video', dataType: 'video', label: 'Video' }],
    defaultSize: { width: 300, height: 340 },
    resizable: true,
  },
  media: {
    kind: 'media',
    label: 'Media',
    description: 'An image or video you bring in',
    inputs: [],
    // The actual output follows data.kind; see `outputsOf`.
    outputs: [{ id: 'image', dataType: 'image', label: 'Image' }],
    defaultSize: { width: 260, height: 220 },
    resizable: true,
  },
  stickyNote: {
    kind: 'stickyNote',
    label: 'Sticky note',
    description: 'A note for you and your team',
    inputs: [],
    outputs: [],
    defaultSize: { width: 220, height: 180 },
    resizable: true,
  },
  group: {
    kind: 'group',
    label: 'Group',
    description: 'A frame to organise nodes',
    inputs: [],
    outputs: [],
    defaultSize: { width: 520, height: 360 },
    resizable: true,
  },
};

export const NODE_KINDS = Object.keys(NODE_SPECS) as NodeKind[];

export function isNodeKind(type: string | undefined): type is NodeKind {
  return type !== undefined && type in NODE_SPECS;
}

export type MediaKind = 'image' | 'video';

export function mediaKindOf(data: Record<string, unknown> | undefined): MediaKind {
  return data?.kind === 'video' ? 'video' : 'image';
}

/** A node's output handles; a media node's output is of the kind of media it holds. */
export function outputsOf(type: string | undefined, data?: Record<string, unknown>): HandleSpec[] {
  if (!isNodeKind(type)) return [];
  if (type === 'media') {
    const kind = mediaKindOf(data);
    return [{ id: kind, dataType: kind, label: kind === 'video' ? 'Video' : 'Image' }];
  }
  return NODE_SPECS[type].outputs;
}

export function inputsOf(type: string | undefined): HandleSpec[] {
  return isNodeKind(type) ? NODE_SPECS[type].inputs : [];
}

export const IMAGE_MODELS = ['Flux 1.1 Pro', 'Flux Schnell', 'Stable Diffusion 3.5', 'Imagen 4', 'GPT Image 1', 'Ideogram 3'];
export const VIDEO_MODELS = ['Veo 3', 'Kling 2.1', 'Runway Gen-4', 'Luma Ray 2', 'Hailuo 02'];

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

/** The data a fresh node of each kind starts with. */
export function defaultData(kind: NodeKind, defaults: { imageModel?: string; videoModel?: string } = {}): Record<string, unknown> {
  switch (kind) {
    case 'prompt':
      return { text: '' };
    case 'imageGenerator':
      return { model: defaults.imageModel ?? IMAGE_MODELS[0], aspectRatio: '1:1' };
    case 'videoGenerator':
      return { model: defaults.videoModel ?? VIDEO_MODELS[0], duration: 5 };
    case 'media':
      return { kind: 'image' };
    case 'stickyNote':
      return { text: '', color: 'yellow' };
    case 'group':
      return { label: 'Group' };
  }
}
