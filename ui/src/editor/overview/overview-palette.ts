import type { BoxColour, EdgeColour } from './overview-scene';

/** The design tokens the overview paints with, read once per theme from the page's CSS. */
export interface OverviewPalette {
  boxes: Record<BoxColour, string>;
  edges: Record<EdgeColour, string>;
  nodeBg: string;
  selected: string;
  selectedHalo: string;
  text: string;
  textMuted: string;
  noteInk: string;
  font: string;
}

const BOX_TOKENS: Record<BoxColour, string> = {
  prompt: '--kind-prompt',
  image: '--kind-image',
  video: '--kind-video',
  media: '--kind-media',
  audio: '--kind-audio',
  plan: '--kind-plan',
  plugin: '--kind-plugin',
  sticker: '--note-orange',
  group: '--kind-group',
  'note-yellow': '--note-yellow',
  'note-pink': '--note-pink',
  'note-blue': '--note-blue',
  'note-green': '--note-green',
  'note-purple': '--note-purple',
  'note-orange': '--note-orange',
};

const EDGE_TOKENS: Record<EdgeColour, string> = {
  text: '--type-text',
  image: '--type-image',
  video: '--type-video',
  audio: '--type-audio',
  default: '--edge',
};

/** Custom properties as computed on `element` (var() references already resolved). */
export function readPalette(element: Element): OverviewPalette {
  const style = getComputedStyle(element);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const map = <K extends string>(tokens: Record<K, string>) =>
    Object.fromEntries(
      Object.entries(tokens).map(([key, name]) => [key, token(name as string, '#8b93a7')]),
    ) as Record<K, string>;
  return {
    boxes: map(BOX_TOKENS),
    edges: map(EDGE_TOKENS),
    nodeBg: token('--node-bg', '#181a21'),
    selected: token('--node-selected', '#7c6cff'),
    selectedHalo: token('--accent-soft', 'rgba(124, 108, 255, 0.15)'),
    text: token('--text', '#e8e9ee'),
    textMuted: token('--text-muted', '#9aa0ae'),
    noteInk: token('--note-ink', '#1f1a0e'),
    font: token('--font-sans', 'sans-serif'),
  };
}
