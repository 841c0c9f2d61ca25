/**
 * Koda web's model catalogs (docs/koda-web-format.md §6): the ids stored in node data, the labels
 * people see, and the settings each model offers. Data only; the node views build their pickers
 * from it. An id that is not listed (an older or newer Koda) is shown as it is, never rewritten.
 */

const BASE_AR = ['auto', '1:1', '4:3', '3:4', '16:9', '9:16'];
const ALL_AR = [...BASE_AR, '3:2', '2:3', '21:9', '5:4', '4:5'];
const GROK_AR = [...BASE_AR, '3:2', '2:3'];

export const IMAGE_SIZES = [
  'square_hd',
  'square',
  'portrait_4_3',
  'portrait_16_9',
  'landscape_4_3',
  'landscape_16_9',
];
export const IMAGE_RESOLUTIONS = ['1K', '2K', '4K'];
export const RECRAFT_STYLES = ['realistic_image', 'digital_illustration', 'vector_illustration'];
export const IDEOGRAM_STYLES = ['auto', 'general', 'realistic', 'design', '3d', 'anime'];

export interface ImageModel {
  id: string;
  label: string;
  /** How many reference images it takes (0: text only, no image handles). */
  refs: number;
  aspectRatios: string[];
  /** `resolution` (1K/2K/4K, Nano Banana). */
  resolutions?: boolean;
  /** `imageSize` (Flux/Qwen). */
  imageSize?: boolean;
  styles?: string[];
}

const image = (
  id: string,
  label: string,
  refs: number,
  aspectRatios: string[],
  extra: Partial<ImageModel> = {},
): ImageModel => ({ id, label, refs, aspectRatios, ...extra });

export const IMAGE_MODELS: ImageModel[] = [
  image('auto', 'Auto', 14, ALL_AR, { resolutions: true }),
  image('nanobanana-2', 'Nano Banana 2', 14, ALL_AR, { resolutions: true }),
  image('nanobanana-pro', 'Nano Banana Pro', 14, ALL_AR, { resolutions: true }),
  image('flux-schnell', 'Flux Schnell', 0, BASE_AR, { imageSize: true }),
  image('flux-pro', 'Flux Pro', 1, BASE_AR, { imageSize: true }),
  image('flux-2-pro', 'FLUX.2 Pro', 9, BASE_AR, { imageSize: true }),
  image('flux-2-max', 'FLUX.2 Max', 0, BASE_AR, { imageSize: true }),
  image('flux-kontext', 'Flux Kontext', 1, BASE_AR),
  image('qwen-image-2', 'Qwen Image 2', 3, BASE_AR, { imageSize: true }),
  image('qwen-image-2-pro', 'Qwen Image 2 Pro', 3, BASE_AR, { imageSize: true }),
  image('grok-imagine-image', 'Grok Imagine Image', 0, GROK_AR),
  image('grok-imagine-image-edit', 'Grok Imagine Edit', 3, GROK_AR),
  image('recraft-v3', 'Recraft V3', 0, BASE_AR, { styles: RECRAFT_STYLES }),
  image('recraft-v4', 'Recraft V4', 0, BASE_AR, { styles: RECRAFT_STYLES }),
  image('seedream-5', 'Seedream 5.0', 0, BASE_AR),
  image('ideogram-v3', 'Ideogram V3', 0, BASE_AR, { styles: IDEOGRAM_STYLES }),
  image('physic-edit', 'Physic Edit', 1, ALL_AR),
  image('firered-edit', 'FireRed Edit', 4, ALL_AR),
  image('sd-3.5', 'SD 3.5 Large', 1, BASE_AR),
];

/**
 * How a video model takes its inputs: T text only, S one image (`reference`), F first and last
 * frame, M several references (`ref1…`).
 */
export type VideoMode = 'T' | 'S' | 'F' | 'M';

export interface VideoModel {
  id: string;
  label: string;
  mode: VideoMode;
  /** `ref1…refN` handles (multi-reference models and a few others). */
  maxReferences?: number;
  /** A `video` input (remix, extend, motion control …). */
  videoRef?: boolean;
  /** An `audio` input. */
  audioRef?: boolean;
  durations: number[];
  defaultDuration: number;
  aspectRatios: string[];
  resolutions: string[];
}

const AR3 = ['16:9', '9:16', '1:1'];
const AR2 = ['16:9', '9:16'];
const AR5 = ['16:9', '9:16', '1:1', '4:3', '3:4'];
const R_VEO = ['720p', '1080p'];
const R_FULL = ['360p', '480p', '720p', '1080p'];
const R_SORA = ['480p', '720p', '1080p'];
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const video = (
  id: string,
  label: string,
  mode: VideoMode,
  durations: number[],
  defaultDuration: number,
  aspectRatios: string[],
  resolutions: string[] = [],
  extra: Partial<VideoModel> = {},
): VideoModel => ({ id, label, mode, durations, defaultDuration, aspectRatios, resolutions, ...extra });

export const VIDEO_MODELS: VideoModel[] = [
  // `auto` resolves to Kling 3.0 text- or image-to-video (when an image is wired in), so it takes one.
  video('auto', 'Auto', 'S', [5, 10, 15], 5, AR3),
  video('veo-3', 'Veo 3', 'T', [4, 6, 8], 8, AR2, R_VEO),
  video('veo-3.1-i2v', 'Veo 3.1 Image-to-Video', 'S', [4, 6, 8], 8, AR2, R_VEO),
  video('veo-3.1-fast-i2v', 'Veo 3.1 Fast Image-to-Video', 'S', [4, 6, 8], 8, AR2, R_VEO),
  video('veo-3.1-ref', 'Veo 3.1 Multi-Ref', 'M', [8], 8, AR2, R_VEO, { maxReferences: 3 }),
  video('veo-3.1-flf', 'Veo 3.1 First-Last', 'F', [4, 6, 8], 8, AR2, R_VEO),
  video('veo-3.1-fast-flf', 'Veo 3.1 Fast F-L', 'F', [4, 6, 8], 8, AR2, R_VEO),
  video('vidu-q3-t2v', 'Vidu Q3 Text', 'T', [4, 5, 6, 8, 10], 5, AR5, R_FULL),
  video('vidu-q3-t2v-turbo', 'Vidu Q3 Turbo Text', 'T', [4, 5, 6, 8, 10], 5, AR5, R_FULL),
  video('vidu-q3-i2v', 'Vidu Q3 Image-to-Video', 'F', [4, 5, 6, 8, 10], 5, AR5, R_FULL),
  video('vidu-q3-i2v-turbo', 'Vidu Q3 Turbo Image-to-Video', 'F', [4, 5, 6, 8, 10], 5, AR5, R_FULL),
  video('sora-2-t2v', 'Sora 2 Text', 'T', [4, 8, 12], 4, AR3, R_SORA),
  video('sora-2-i2v', 'Sora 2 Image-to-Video', 'S', [4, 8, 12], 4, AR3, R_SORA),
  video('sora-2-pro-i2v', 'Sora 2 Pro Image-to-Video', 'S', [4, 8, 12], 4, AR3, R_SORA),
  video('sora-2-remix-v2v', 'Sora 2 Remix', 'T', [4, 8, 12], 4, AR3, [], { videoRef: true }),
  video('grok-imagine-t2v', 'Grok Imagine Text', 'T', [4, 6, 8, 10], 6, AR3, ['720p']),
  video('grok-imagine-i2v', 'Grok Imagine Image-to-Video', 'S', [4, 6, 8, 10], 6, AR3, ['720p']),
  video('grok-imagine-edit-v2v', 'Grok Imagine Edit', 'T', [4, 6, 8, 10], 6, AR3, ['720p'], {
    videoRef: true,
  }),
  video('ltx-2.3-i2v', 'LTX 2.3 Image-to-Video', 'F', [6, 8, 10], 6, AR2, ['1080p']),
  video('ltx-2.3-fast-i2v', 'LTX 2.3 Fast Image-to-Video', 'F', [6, 8, 10, 12], 6, AR2, ['1080p']),
  video('ltx-2.3-fast-t2v', 'LTX 2.3 Fast Text', 'T', [6, 8, 10, 12], 6, AR2, ['1080p']),
  video('ltx-2.3-retake-v2v', 'LTX 2.3 Retake', 'T', [5, 6, 8, 10, 15], 5, AR3, [], { videoRef: true }),
  video('ltx-2.3-extend', 'LTX 2.3 Extend', 'T', [5, 6, 8, 10, 15], 5, AR3, [], { videoRef: true }),
  // Single-image by nature, but with an audio input and no `maxReferences` Koda web draws no image handle.
  video('ltx-2.3-a2v', 'LTX 2.3 Audio-to-Video', 'T', [5, 6, 8, 10, 15], 5, AR3, [], { audioRef: true }),
  video('ltx-2-19b-t2v', 'LTX 2 19B Text', 'T', [4, 5, 6, 8, 10, 12, 15], 5, AR5),
  video('ltx-2-19b-i2v', 'LTX 2 19B Image-to-Video', 'F', [4, 5, 6, 8, 10, 12, 15], 5, AR5),
  video('ltx-2-19b-v2v', 'LTX 2 19B Video', 'T', [4, 5, 6, 8, 10, 12, 15], 5, AR5, [], {
    maxReferences: 1,
    videoRef: true,
    audioRef: true,
  }),
  video('ltx-2-19b-extend', 'LTX 2 19B Extend', 'T', [4, 5, 6, 8, 10, 12, 15], 5, AR5, [], {
    videoRef: true,
  }),
  video('ltx-2-19b-a2v', 'LTX 2 19B Audio', 'T', [4, 5, 6, 8, 10, 12, 15], 5, AR5, [], {
    maxReferences: 1,
    audioRef: true,
  }),
  video('veed-fabric-1.0', 'Veed Fabric 1.0', 'T', [5], 5, AR3, R_VEO, { maxReferences: 1, audioRef: true }),
  video('heygen-avatar4-i2v', 'Heygen Avatar 4', 'S', [5], 5, AR3, R_FULL),
  video('kling-2.6-t2v', 'Kling 2.6 Text', 'T', [5, 10], 5, AR3),
  video('kling-2.6-i2v', 'Kling 2.6 Image-to-Video', 'F', [5, 10], 5, AR3),
  video('kling-o3-t2v', 'Kling O3 Text', 'T', [5, 10, 15], 5, AR3),
  video('kling-o3-i2v', 'Kling O3 Image-to-Video', 'F', [5, 10, 15], 5, AR3),
  video('kling-o3-pro-i2v', 'Kling O3 Pro Image-to-Video', 'F', [5, 10, 15], 5, AR3),
  video('kling-3.0-t2v', 'Kling 3.0 Text', 'T', [5, 10, 15], 5, AR3),
  video('kling-3.0-i2v', 'Kling 3.0 Image-to-Video', 'F', [5, 10, 15], 5, AR3),
  video('kling-3.0-pro-t2v', 'Kling 3.0 Pro Text', 'T', [5, 10, 15], 5, AR3),
  video('kling-3.0-pro-i2v', 'Kling 3.0 Pro Image-to-Video', 'F', [5, 10, 15], 5, AR3),
  video('kling-3.0-mc', 'Kling 3.0 Motion Control', 'T', [5, 10], 5, AR3, [], { videoRef: true }),
  video('kling-3.0-pro-mc', 'Kling 3.0 Pro Motion Control', 'T', [5, 10], 5, AR3, [], { videoRef: true }),
  video('seedance-1.5-t2v', 'Seedance 1.5 Text', 'T', range(4, 12), 5, AR3, R_SORA),
  video('seedance-1.5-i2v', 'Seedance 1.5 Image-to-Video', 'F', range(4, 12), 5, AR3, R_SORA),
  video('seedance-1.0-pro-t2v', 'Seedance 1.0 Pro Text', 'T', range(2, 12), 5, AR3, R_SORA),
  video('seedance-1.0-pro-i2v', 'Seedance 1.0 Pro Image-to-Video', 'S', range(2, 12), 5, AR3, R_SORA),
  video('seedance-2.0-t2v', 'Seedance 2.0 Text', 'T', [...range(4, 12), 15], 5, AR3),
  video('seedance-2.0-fast-t2v', 'Seedance 2.0 Fast Text', 'T', [...range(4, 12), 15], 5, AR3),
  video('seedance-2.0-i2v', 'Seedance 2.0 Image-to-Video', 'S', [...range(4, 12), 15], 5, AR3, [], {
    maxReferences: 3,
    videoRef: true,
    audioRef: true,
  }),
  video('seedance-2.0-fast-i2v', 'Seedance 2.0 Fast Image-to-Video', 'S', [...range(4, 12), 15], 5, AR3, [], {
    maxReferences: 3,
    videoRef: true,
    audioRef: true,
  }),
  video('wan-2.6-t2v', 'Wan 2.6 Text', 'T', [3, 5, 7, 9], 5, AR3, R_VEO),
  video('wan-2.6-i2v', 'Wan 2.6 Image-to-Video', 'S', [3, 5, 7, 9], 5, AR3, R_VEO),
  video('hailuo-02-t2v', 'Hailuo 02 Text', 'T', [5], 5, AR3),
  video('hailuo-02-i2v', 'Hailuo 02 Image-to-Video', 'S', [5], 5, AR3),
  video('hailuo-2.3-t2v', 'Hailuo 2.3 Text', 'T', [5], 5, AR3),
  video('hailuo-2.3-i2v', 'Hailuo 2.3 Image-to-Video', 'S', [5], 5, AR3),
  video(
    'luma-ray2',
    'Luma Ray 2',
    'S',
    [5, 9],
    5,
    ['16:9', '9:16', '4:3', '3:4', '1:1'],
    ['540p', '720p', '1080p'],
  ),
  video('minimax-video', 'Minimax', 'S', [5], 5, AR3),
  video('runway-gen3', 'Runway Gen-3', 'S', [5, 10], 5, AR2),
];

export interface NamedOption {
  id: string;
  label: string;
}

export const SPEECH_MODELS: NamedOption[] = [
  { id: 'elevenlabs-tts', label: 'ElevenLabs TTS' },
  { id: 'lux-tts', label: 'Lux TTS' },
  { id: 'tada-3b-tts', label: 'Tada 3B' },
];
/** Speech models that clone a voice from an `audio` input. */
export const VOICE_CLONING_SPEECH_MODELS = ['lux-tts', 'tada-3b-tts'];
export const SPEECH_VOICES = [
  'rachel',
  'drew',
  'clyde',
  'paul',
  'domi',
  'dave',
  'fin',
  'sarah',
  'antoni',
  'thomas',
  'charlie',
  'george',
  'emily',
  'elli',
  'alloy',
  'echo',
  'fable',
  'onyx',
  'nova',
  'shimmer',
];
export const SPEECH_SPEEDS = [0.7, 0.8, 0.9, 1, 1.1, 1.2];
export const SPEECH_LANGUAGES = ['en', 'ar', 'ch', 'de', 'es', 'fr', 'it', 'ja', 'pl', 'pt'];

export const VIDEO_AUDIO_MODELS: NamedOption[] = [
  { id: 'mmaudio-v2', label: 'MMAudio V2' },
  { id: 'sync-lipsync-v2-pro', label: 'Sync Lipsync 2 Pro' },
];
/** The video-audio model that lip-syncs to an `audio` input. */
export const LIPSYNC_MODEL = 'sync-lipsync-v2-pro';
export const SYNC_MODES = ['cut_off', 'loop', 'bounce', 'silence', 'remap'];

export const MUSIC_DURATIONS = [5, 15, 30, 60, 120, 180, 240];
/** The music node names no model; Koda runs it with ACE-Step. */
export const MUSIC_MODELS: NamedOption[] = [{ id: 'ace-step', label: 'ACE-Step' }];

export const STORYBOARD_SCENE_COUNTS = [4, 5, 6, 8];
export const STORYBOARD_STYLES = ['cinematic', 'anime', 'photorealistic', 'illustrated', 'commercial'];
export const STORYBOARD_MODES = ['transition', 'single-shot'];
export const STORYBOARD_VIDEO_MODELS = ['veo', 'kling'];

export const PRODUCT_SHOT_COUNTS = [4, 6, 8];
export const PRODUCT_BACKGROUNDS = ['studio-white', 'gradient', 'lifestyle', 'outdoor', 'dark-moody'];
export const PRODUCT_LIGHTING = ['soft', 'dramatic', 'natural', 'rim-light'];

/**
 * The model labels the desktop app stored before it used Koda web's ids, and the id each became
 * (the same mapping the desktop database migration applies).
 */
export const LEGACY_IMAGE_MODEL_IDS: Record<string, string> = {
  'Flux 1.1 Pro': 'flux-pro',
  'Flux Schnell': 'flux-schnell',
  'Stable Diffusion 3.5': 'sd-3.5',
  'Imagen 4': 'nanobanana-pro',
  'GPT Image 1': 'nanobanana-pro',
  'Ideogram 3': 'ideogram-v3',
};
export const LEGACY_VIDEO_MODEL_IDS: Record<string, string> = {
  'Veo 3': 'veo-3',
  'Kling 2.1': 'kling-2.6-i2v',
  'Runway Gen-4': 'runway-gen3',
  'Luma Ray 2': 'luma-ray2',
  'Hailuo 02': 'hailuo-02-i2v',
};

const imageById = new Map(IMAGE_MODELS.map((m) => [m.id, m]));
const videoById = new Map(VIDEO_MODELS.map((m) => [m.id, m]));

export function imageModel(id: unknown): ImageModel | undefined {
  return typeof id === 'string' ? imageById.get(id) : undefined;
}

export function videoModel(id: unknown): VideoModel | undefined {
  return typeof id === 'string' ? videoById.get(id) : undefined;
}

/** A model id as a person reads it ("nanobanana-pro" → "Nano Banana Pro"); unknown ids as they are. */
export function modelLabel(id: string): string {
  return (
    imageById.get(id)?.label ??
    videoById.get(id)?.label ??
    [...SPEECH_MODELS, ...VIDEO_AUDIO_MODELS, ...MUSIC_MODELS].find((m) => m.id === id)?.label ??
    id
  );
}

/** A default model from settings: Koda web ids as they are, labels the desktop app stored mapped to ids. */
export function settingsModelId(
  value: string | undefined,
  legacy: Record<string, string>,
): string | undefined {
  if (!value) return undefined;
  return legacy[value] ?? value;
}
