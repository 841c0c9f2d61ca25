import type { NodeTypes } from '@xyflow/react';
import type { NodeKind } from '../../canvas/node-specs';
import { MusicGeneratorNode, SpeechNode, VideoAudioNode } from './AudioNodes';
import { ImageGeneratorNode, VideoGeneratorNode } from './GeneratorNodes';
import { GroupNode } from './GroupNode';
import { MediaNode } from './MediaNode';
import { ProductShotNode, StoryboardNode } from './PlanningNodes';
import { StickerNode } from './StickerNode';
import { StickyNoteNode } from './StickyNoteNode';
import { TextNode } from './TextNode';
import { UnknownNode } from './UnknownNode';

const KNOWN: Record<NodeKind, NodeTypes[string]> = {
  text: TextNode,
  imageGenerator: ImageGeneratorNode,
  videoGenerator: VideoGeneratorNode,
  media: MediaNode,
  musicGenerator: MusicGeneratorNode,
  speech: SpeechNode,
  videoAudio: VideoAudioNode,
  storyboard: StoryboardNode,
  productShot: ProductShotNode,
  stickyNote: StickyNoteNode,
  sticker: StickerNode,
  group: GroupNode,
  pluginNode: UnknownNode,
};
const UNKNOWN = UnknownNode;

/**
 * Defined once at module level: React Flow re-mounts every node if this object changes. Any type
 * Koda does not know (a newer Koda web's) is drawn as the unknown-node card rather than React
 * Flow's blank default node, and keeps its type (React Flow looks types up by key, so a lookup
 * that never misses does it).
 */
export const nodeTypes: NodeTypes = new Proxy(KNOWN as NodeTypes, {
  get: (known, type) =>
    typeof type === 'string' && Object.prototype.hasOwnProperty.call(known, type) ? known[type] : UNKNOWN,
});
