import type { IconName } from '../components/Icon';
import type { NodeKind } from './node-specs';

/** Drag data type of a palette button dragged onto the canvas. */
export const NODE_DRAG_TYPE = 'application/x-koda-node';

/** The add-node entries shared by the toolbar and the pane's context menu. */
export interface AddNodeEntry {
  kind: NodeKind;
  label: string;
  icon: IconName;
  testId: string;
}

export const ADD_NODE_ENTRIES: AddNodeEntry[] = [
  { kind: 'prompt', label: 'Prompt', icon: 'text', testId: 'add-node-prompt' },
  { kind: 'imageGenerator', label: 'Image generator', icon: 'image', testId: 'add-node-image' },
  { kind: 'videoGenerator', label: 'Video generator', icon: 'video', testId: 'add-node-video' },
  { kind: 'media', label: 'Media', icon: 'media', testId: 'add-node-media' },
  { kind: 'stickyNote', label: 'Sticky note', icon: 'note', testId: 'add-node-note' },
  { kind: 'group', label: 'Group', icon: 'group', testId: 'add-node-group' },
];
