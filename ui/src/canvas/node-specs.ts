import { LEGACY_IMAGE_MODEL_IDS, LEGACY_VIDEO_MODEL_IDS, settingsModelId } from './models';

/**
 * The node types of a Koda canvas: Koda web's 13 (docs/koda-web-format.md §2, §5), what each is
 * called, how big it is drawn and the data a fresh one starts with. Type names and data field
 * names are Koda web's; canvases from either app open unchanged in the other.
 */
export const NODE_KINDS = [
  'text',
  'imageGenerator',
  'videoGenerator',
  'media',
  'musicGenerator',
  'speech',
  'videoAudio',
  'storyboard',
  'productShot',
  'stickyNote',
  'sticker',
  'group',
  'pluginNode',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

export interface NodeSpec {
  kind: NodeKind;
  label: string;
  /** What it is for, for menus and tooltips. */
  description: string;
  /** Width a node is drawn at when it has none of its own (Koda web stores none on creation). */
  width: number;
  /** Roughly how tall it is drawn, for placing and culling before it is measured. */
  estimatedHeight: number;
}

const spec = (
  kind: NodeKind,
  label: string,
  description: string,
  width: number,
  estimatedHeight: number,
): NodeSpec => ({ kind, label, description, width, estimatedHeight });

export const NODE_SPECS: Record<NodeKind, NodeSpec> = {
  text: spec('text', 'Text', 'Words that drive a generator', 280, 160),
  imageGenerator: spec('imageGenerator', 'Image generator', 'Turns a prompt into images', 340, 420),
  videoGenerator: spec('videoGenerator', 'Video generator', 'Animates a prompt or images', 340, 400),
  media: spec('media', 'Media', 'An image, video or sound you bring in', 280, 300),
  musicGenerator: spec('musicGenerator', 'Music', 'Music from a description', 300, 250),
  speech: spec('speech', 'Speech', 'A voice reading your words', 300, 280),
  videoAudio: spec('videoAudio', 'Video audio', 'Sound or lip-sync for a video', 320, 300),
  storyboard: spec('storyboard', 'Storyboard', 'Plans scenes from a concept', 360, 460),
  productShot: spec('productShot', 'Product shots', 'Plans shots of a product', 340, 420),
  stickyNote: spec('stickyNote', 'Sticky note', 'A note for you and your team', 200, 150),
  sticker: spec('sticker', 'Sticker', 'An emoji on the canvas', 80, 80),
  group: spec('group', 'Group', 'A frame to organise nodes', 300, 200),
  pluginNode: spec('pluginNode', 'Plugin', 'A node made by a plugin', 320, 240),
};

/** Drawn size of a node of a type Koda does not know. */
export const UNKNOWN_NODE_SIZE = { width: 300, height: 200 };

export function isNodeKind(type: string | undefined): type is NodeKind {
  return type !== undefined && Object.prototype.hasOwnProperty.call(NODE_SPECS, type);
}

/** A node type as a person reads it; unknown types as they are. */
export function nodeTypeLabel(type: string | undefined): string {
  return isNodeKind(type) ? NODE_SPECS[type].label : (type ?? 'Node');
}

export type MediaKind = 'image' | 'video' | 'audio';

/** What a media node holds (`data.type`; Koda web's default is an image). */
export function mediaKindOf(data: Record<string, unknown> | undefined): MediaKind {
  const type = data?.type;
  return type === 'video' || type === 'audio' ? type : 'image';
}

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'purple', 'orange'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];
export const NOTE_WIDTHS: Record<string, number> = { sm: 160, md: 200, lg: 260 };
export const NOTE_FONT_SIZES = [12, 14, 16, 18, 20, 24];

export const STICKER_FONT_SIZES: Record<string, number> = { sm: 32, md: 48, lg: 64, xl: 96 };

export const GROUP_COLORS = [
  '#6366f1',
  '#8b5cf6',
  '#ec4899',
  '#ef4444',
  '#f97316',
  '#eab308',
  '#22c55e',
  '#06b6d4',
  '#3b82f6',
  '#71717a',
];

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

/**
 * The size a node is drawn at when the node itself has none: Koda web keeps text and group sizes
 * in their data, sizes notes and stickers by `size`, and draws the rest at a fixed width with the
 * height its content needs (`height` undefined).
 */
export function naturalSize(
  type: string | undefined,
  data: Record<string, unknown> | undefined,
): { width: number; height?: number } {
  switch (type) {
    case 'text':
      return { width: num(data?.width) ?? NODE_SPECS.text.width, height: num(data?.height) };
    case 'group':
      return {
        width: num(data?.width) ?? NODE_SPECS.group.width,
        height: num(data?.height) ?? NODE_SPECS.group.estimatedHeight,
      };
    case 'stickyNote': {
      const width = NOTE_WIDTHS[String(data?.size)] ?? NOTE_WIDTHS.md;
      return { width };
    }
    case 'sticker': {
      const font = STICKER_FONT_SIZES[String(data?.size)] ?? STICKER_FONT_SIZES.md;
      return { width: Math.round(font * 1.5), height: Math.round(font * 1.5) };
    }
    default:
      return { width: isNodeKind(type) ? NODE_SPECS[type].width : UNKNOWN_NODE_SIZE.width };
  }
}

/** Roughly how big a node is before it is measured: its own size, else its natural one. */
export function estimatedSize(node: {
  type?: string;
  data?: Record<string, unknown>;
  width?: number;
  height?: number;
}): { width: number; height: number } {
  const natural = naturalSize(node.type, node.data);
  const fallbackHeight =
    node.type === 'stickyNote'
      ? Math.round(natural.width * 0.75)
      : isNodeKind(node.type)
        ? NODE_SPECS[node.type].estimatedHeight
        : UNKNOWN_NODE_SIZE.height;
  return { width: node.width ?? natural.width, height: node.height ?? natural.height ?? fallbackHeight };
}

/** Default models from settings (older settings hold the labels the desktop app used to store). */
export interface ModelDefaults {
  imageModel?: string;
  videoModel?: string;
  speechModel?: string;
  videoAudioModel?: string;
}

/** The data a fresh node of each kind starts with: Koda web's factory data. */
export function defaultData(kind: NodeKind, defaults: ModelDefaults = {}): Record<string, unknown> {
  switch (kind) {
    case 'text':
      return { content: '' };
    case 'imageGenerator':
      return {
        prompt: '',
        model: settingsModelId(defaults.imageModel, LEGACY_IMAGE_MODEL_IDS) ?? 'auto',
        aspectRatio: 'auto',
      };
    case 'videoGenerator':
      return {
        prompt: '',
        model: settingsModelId(defaults.videoModel, LEGACY_VIDEO_MODEL_IDS) ?? 'veo-3.1-fast-i2v',
        aspectRatio: '16:9',
        duration: 8,
        resolution: '720p',
        generateAudio: true,
      };
    case 'media':
      return {};
    case 'musicGenerator':
      return { prompt: '', duration: 30, instrumental: false, guidanceScale: 7 };
    case 'speech':
      return {
        model: defaults.speechModel || 'elevenlabs-tts',
        mode: 'single',
        text: '',
        voice: 'rachel',
        speed: 1,
        stability: 0.5,
      };
    case 'videoAudio':
      return { model: defaults.videoAudioModel || 'mmaudio-v2', prompt: '', duration: 10, cfgStrength: 4.5 };
    case 'storyboard':
      return {
        concept: '',
        references: [],
        sceneCount: 4,
        style: 'cinematic',
        mode: 'transition',
        targetVideoModel: 'veo',
        viewState: 'form',
        chatMessages: [],
        thinkingBlocks: [],
        drafts: [],
        chatPhase: 'idle',
      };
    case 'productShot':
      return {
        productName: '',
        shotCount: 4,
        background: 'studio-white',
        lighting: 'soft',
        viewState: 'form',
      };
    case 'stickyNote':
      return { content: '', color: 'yellow', size: 'md' };
    case 'sticker':
      return { emoji: '👍', size: 'md' };
    case 'group':
      return { name: 'Group', color: GROUP_COLORS[0], width: 300, height: 200 };
    case 'pluginNode':
      return { pluginId: '', state: {} };
  }
}
