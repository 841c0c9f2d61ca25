/**
 * The handles each node draws, with Koda web's ids (docs/koda-web-format.md §4): inputs on the
 * left, outputs on the right, typed by the data they carry. Some depend on the node's data (the
 * model of a video generator, a storyboard's references, a plugin's counts), so they are worked
 * out per data object and cached.
 *
 * An edge may name a handle the node does not draw (templates' `text`/`image` sources, `ref9` on
 * a model with two images, a handle of an older Koda): `resolveHandle` picks the drawn handle it
 * is shown on. Edges themselves are never changed.
 */
import { imageModel, LIPSYNC_MODEL, videoModel, VOICE_CLONING_SPEECH_MODELS } from './models';
import { mediaKindOf } from './node-specs';

export type DataType = 'text' | 'image' | 'video' | 'audio';

export interface HandleSpec {
  id: string;
  dataType: DataType;
  label: string;
}

export interface NodeHandles {
  inputs: HandleSpec[];
  outputs: HandleSpec[];
}

/**
 * Invisible, unconnectable handles a node draws on a side where it has none, so an edge that
 * names such a node (an unknown type, a plugin, a note) is still drawn to it.
 */
export const FALLBACK_INPUT = 'koda-fallback-in';
export const FALLBACK_OUTPUT = 'koda-fallback-out';

const h = (id: string, dataType: DataType, label: string): HandleSpec => ({ id, dataType, label });
const NONE: NodeHandles = { inputs: [], outputs: [] };
const TEXT_IN = h('text', 'text', 'Prompt');
const count = (value: unknown, fallback: number, max: number) =>
  typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.min(max, Math.floor(value)))
    : fallback;

function imageGeneratorHandles(data: Record<string, unknown>): NodeHandles {
  const inputs = [TEXT_IN];
  // A model that is not known (newer or older Koda) keeps its image input.
  if ((imageModel(data.model)?.refs ?? 14) > 0) {
    inputs.push(h('reference', 'image', 'Reference'));
    // Older Koda web drew `ref2…refN` beside `reference`, one per `refHandleCount`.
    const legacy = count(data.refHandleCount, 0, 14);
    for (let i = 2; i <= legacy; i++) inputs.push(h(`ref${i}`, 'image', `Reference ${i}`));
  }
  return { inputs, outputs: [h('output', 'image', 'Image')] };
}

function videoGeneratorHandles(data: Record<string, unknown>): NodeHandles {
  const model = videoModel(data.model);
  const inputs: HandleSpec[] = [];
  const mode = model?.mode ?? 'S';
  if (mode === 'F')
    inputs.push(h('firstFrame', 'image', 'First frame'), h('lastFrame', 'image', 'Last frame'), TEXT_IN);
  else inputs.push(TEXT_IN);
  const refs = model?.maxReferences ?? (mode === 'M' ? 3 : 0);
  const extras = refs > 0 || model?.videoRef || model?.audioRef;
  // A single-image model that shows reference, video or audio inputs does not show `reference`.
  if (mode === 'S' && !extras) inputs.push(h('reference', 'image', 'Image'));
  for (let i = 1; i <= refs; i++) inputs.push(h(`ref${i}`, 'image', `Reference ${i}`));
  if (model?.videoRef) inputs.push(h('video', 'video', 'Video'));
  if (model?.audioRef) inputs.push(h('audio', 'audio', 'Audio'));
  return { inputs, outputs: [h('output', 'video', 'Video')] };
}

function storyboardHandles(data: Record<string, unknown>): NodeHandles {
  const references = Array.isArray(data.references) ? data.references : null;
  if (!references)
    return {
      inputs: [h('productImage', 'image', 'Product'), h('characterImage', 'image', 'Character')],
      outputs: [],
    };
  const inputs: HandleSpec[] = [];
  references.forEach((reference, index) => {
    const ref = reference && typeof reference === 'object' ? (reference as Record<string, unknown>) : {};
    const id = typeof ref.handleId === 'string' && ref.handleId ? ref.handleId : `refImage_${index}`;
    if (inputs.some((input) => input.id === id)) return;
    inputs.push(
      h(
        id,
        'image',
        typeof ref.label === 'string' && ref.label.trim() ? ref.label.trim() : `Reference ${index + 1}`,
      ),
    );
  });
  return { inputs, outputs: [] };
}

function pluginHandles(data: Record<string, unknown>): NodeHandles {
  switch (data.pluginId) {
    case 'animation-generator': {
      const inputs: HandleSpec[] = [];
      const images = count(data.imageRefCount, 1, 8);
      const videos = count(data.videoRefCount, 0, 4);
      for (let i = 0; i < images; i++) inputs.push(h(`image-ref-${i}`, 'image', `Image ${i + 1}`));
      for (let i = 0; i < videos; i++) inputs.push(h(`video-ref-${i}`, 'video', `Video ${i + 1}`));
      return { inputs, outputs: [h('video', 'video', 'Video'), h('thumbnail', 'image', 'Thumbnail')] };
    }
    case 'prompt-studio':
      return {
        inputs: [TEXT_IN, h('reference', 'image', 'Reference')],
        outputs: [h('prompt-output', 'text', 'Prompt')],
      };
    case 'motion-analyzer':
      return { inputs: [], outputs: [h('prompt-output', 'text', 'Prompt')] };
    case 'svg-studio':
      return { inputs: [h('svg-input', 'text', 'SVG')], outputs: [h('svg-output', 'image', 'SVG')] };
    default:
      return NONE;
  }
}

function computeHandles(type: string | undefined, data: Record<string, unknown>): NodeHandles {
  switch (type) {
    case 'text':
      return { inputs: [], outputs: [h('output', 'text', 'Text')] };
    case 'media': {
      const kind = mediaKindOf(data);
      return {
        inputs: [],
        outputs: [h('output', kind, kind === 'video' ? 'Video' : kind === 'audio' ? 'Audio' : 'Image')],
      };
    }
    case 'imageGenerator':
      return imageGeneratorHandles(data);
    case 'videoGenerator':
      return videoGeneratorHandles(data);
    case 'storyboard':
      return storyboardHandles(data);
    case 'productShot':
      return { inputs: [h('productImage', 'image', 'Product')], outputs: [] };
    case 'musicGenerator':
      return { inputs: [TEXT_IN], outputs: [h('output', 'audio', 'Audio')] };
    case 'speech': {
      const inputs = [h('text', 'text', 'Text')];
      if (VOICE_CLONING_SPEECH_MODELS.includes(data.model as string))
        inputs.push(h('audio', 'audio', 'Voice'));
      return { inputs, outputs: [h('output', 'audio', 'Audio')] };
    }
    case 'videoAudio': {
      const inputs = [h('video', 'video', 'Video'), TEXT_IN];
      if (data.model === LIPSYNC_MODEL) inputs.push(h('audio', 'audio', 'Audio'));
      return { inputs, outputs: [h('output', 'video', 'Video')] };
    }
    case 'pluginNode':
      return pluginHandles(data);
    default:
      // Sticky notes, stickers, groups and types Koda does not know have none.
      return NONE;
  }
}

const cache = new WeakMap<object, { type: string | undefined; handles: NodeHandles }>();

/** The handles a node draws (cached per data object: data is replaced, never mutated). */
export function handlesOf(type: string | undefined, data: Record<string, unknown> | undefined): NodeHandles {
  if (!data) return computeHandles(type, {});
  const hit = cache.get(data);
  if (hit && hit.type === type) return hit.handles;
  const handles = computeHandles(type, data);
  cache.set(data, { type, handles });
  return handles;
}

export function inputsOf(type: string | undefined, data?: Record<string, unknown>): HandleSpec[] {
  return handlesOf(type, data).inputs;
}

export function outputsOf(type: string | undefined, data?: Record<string, unknown>): HandleSpec[] {
  return handlesOf(type, data).outputs;
}

/** The kind of data a handle id carries wherever Koda web uses it, for ids a node does not draw. */
export function dataTypeOfHandleId(id: string | null | undefined): DataType | undefined {
  if (!id) return undefined;
  if (id === 'text' || id === 'prompt' || id === 'prompt-output' || id === 'svg-code' || id === 'code-output')
    return 'text';
  if (id === 'video' || id === 'videoOut' || /^video-ref-\d+$/.test(id)) return 'video';
  if (id === 'audio') return 'audio';
  if (
    /^(image|reference|firstFrame|lastFrame|productImage|characterImage|thumbnail|svg-output)$/.test(id) ||
    /^ref\d+$/.test(id) ||
    /^refImage_\d+$/.test(id) ||
    /^image-ref-\d+$/.test(id)
  ) {
    return 'image';
  }
  return undefined;
}

/** Old storyboards' inputs fill the first two reference slots (Koda web reads them that way). */
const ALIASES: Record<string, string> = { productImage: 'refImage_0', characterImage: 'refImage_1' };

/**
 * The id of the drawn handle an edge end is shown on: the named one when the node draws it, else
 * one carrying the same kind of data, else the node's first on that side, else its invisible
 * fallback handle. Only for drawing; the edge keeps the id it names.
 */
export function resolveHandle(
  type: string | undefined,
  data: Record<string, unknown> | undefined,
  side: 'source' | 'target',
  id: string | null | undefined,
): string {
  const { inputs, outputs } = handlesOf(type, data);
  const drawn = side === 'target' ? inputs : outputs;
  if (drawn.length === 0) return side === 'target' ? FALLBACK_INPUT : FALLBACK_OUTPUT;
  if (id && drawn.some((handle) => handle.id === id)) return id;
  const alias = id ? ALIASES[id] : undefined;
  if (alias && drawn.some((handle) => handle.id === alias)) return alias;
  const dataType = dataTypeOfHandleId(id);
  return (dataType && drawn.find((handle) => handle.dataType === dataType)?.id) || drawn[0].id;
}

/** The kind of data an edge carries: that of the output it is drawn from (for its colour). */
export function edgeDataType(
  type: string | undefined,
  data: Record<string, unknown> | undefined,
  sourceHandle: string | null | undefined,
): DataType | undefined {
  const id = resolveHandle(type, data, 'source', sourceHandle);
  return (
    outputsOf(type, data).find((handle) => handle.id === id)?.dataType ?? dataTypeOfHandleId(sourceHandle)
  );
}
