import type { NodeTypes } from '@xyflow/react';
import { withDetailLevel } from './DetailSwitch';
import { ImageGeneratorNode, VideoGeneratorNode } from './GeneratorNode';
import { GroupNode } from './GroupNode';
import { MediaNode } from './MediaNode';
import { PromptNode } from './PromptNode';
import { StickyNoteNode } from './StickyNoteNode';

/** Defined once at module level: React Flow re-mounts every node if this object changes. */
export const nodeTypes: NodeTypes = {
  prompt: withDetailLevel(PromptNode),
  imageGenerator: withDetailLevel(ImageGeneratorNode),
  videoGenerator: withDetailLevel(VideoGeneratorNode),
  media: withDetailLevel(MediaNode),
  stickyNote: withDetailLevel(StickyNoteNode),
  group: withDetailLevel(GroupNode),
};
