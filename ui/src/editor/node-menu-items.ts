import type { IconName } from '../components/Icon';
import type { NodeKind } from '../canvas/node-specs';

/** Drag data type of a palette button dragged onto the canvas. */
export const NODE_DRAG_TYPE = 'application/x-koda-node';

/** The add-node entries shared by the toolbar and the pane's context menu. */
export interface AddNodeEntry {
  kind: NodeKind;
  label: string;
  icon: IconName;
  testId: string;
  /** First of a group (a divider goes before it). */
  groupStart?: boolean;
}

/**
 * Every node type a person adds (plugin nodes come from plugins), grouped: making pictures and
 * video, sound, planning, and things to organise the board. Test ids of the first six are the
 * ones end-to-end tests have always used (`add-node-prompt` adds a text node).
 */
export const ADD_NODE_ENTRIES: AddNodeEntry[] = [
  { kind: 'text', label: 'Text', icon: 'text', testId: 'add-node-prompt' },
  { kind: 'imageGenerator', label: 'Image generator', icon: 'image', testId: 'add-node-image' },
  { kind: 'videoGenerator', label: 'Video generator', icon: 'video', testId: 'add-node-video' },
  { kind: 'media', label: 'Media', icon: 'media', testId: 'add-node-media' },
  { kind: 'musicGenerator', label: 'Music', icon: 'music', testId: 'add-node-music', groupStart: true },
  { kind: 'speech', label: 'Speech', icon: 'mic', testId: 'add-node-speech' },
  { kind: 'videoAudio', label: 'Video audio', icon: 'waveform', testId: 'add-node-video-audio' },
  { kind: 'storyboard', label: 'Storyboard', icon: 'film', testId: 'add-node-storyboard', groupStart: true },
  { kind: 'productShot', label: 'Product shots', icon: 'camera', testId: 'add-node-product-shot' },
  { kind: 'stickyNote', label: 'Sticky note', icon: 'note', testId: 'add-node-note', groupStart: true },
  { kind: 'sticker', label: 'Sticker', icon: 'smile', testId: 'add-node-sticker' },
  { kind: 'group', label: 'Group', icon: 'group', testId: 'add-node-group' },
];
