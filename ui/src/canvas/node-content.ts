/**
 * What a node shows, read from its data with type checks: its words, its generated outputs, a
 * storyboard's scenes, a product shoot's shots, a summary of data Koda does not know.
 */
import { jsonTypeOf, readNumber, readObject, readObjects, readString, readStrings } from './node-data';
import { htmlToText } from './rich-text';

/** The images of an image generator: all of them, and the one shown large (`outputUrl`). */
export function imageOutputs(data: Record<string, unknown> | undefined): {
  current: string | undefined;
  all: string[];
} {
  const current = readString(data, 'outputUrl') || undefined;
  const all = (readStrings(data, 'outputUrls') ?? []).filter(Boolean);
  if (current && !all.includes(current)) all.unshift(current);
  return { current: current ?? all[0], all };
}

export interface StoryboardScene {
  number: number;
  title: string;
  description: string;
  prompt: string;
  camera: string;
  mood: string;
  transition: string;
}

/** A storyboard's planned scenes: the active draft's, else the legacy `result`'s. */
export function storyboardScenes(data: Record<string, unknown> | undefined): {
  scenes: StoryboardScene[];
  summary: string;
} {
  const drafts = readObjects(data, 'drafts');
  let source: Record<string, unknown> | undefined;
  if (drafts.length > 0) {
    const index = readNumber(data, 'activeDraftIndex');
    source = index !== undefined && drafts[index] ? drafts[index] : drafts[drafts.length - 1];
  } else {
    source = readObject(data, 'result');
  }
  const scenes = readObjects(source, 'scenes').map((scene, i) => ({
    number: readNumber(scene, 'number') ?? i + 1,
    title: readString(scene, 'title') ?? '',
    description: readString(scene, 'description') ?? '',
    prompt: readString(scene, 'prompt') ?? '',
    camera: readString(scene, 'camera') ?? '',
    mood: readString(scene, 'mood') ?? '',
    transition: readString(scene, 'transition') ?? '',
  }));
  return { scenes, summary: readString(source, 'summary') ?? '' };
}

export interface ProductShotPlan {
  number: number;
  angleName: string;
  description: string;
  prompt: string;
  camera: string;
  composition: string;
  enabled: boolean;
}

/** A product shoot's planned shots (`result.shots`). */
export function productShots(data: Record<string, unknown> | undefined): {
  shots: ProductShotPlan[];
  summary: string;
} {
  const result = readObject(data, 'result');
  const shots = readObjects(result, 'shots').map((shot, i) => ({
    number: readNumber(shot, 'number') ?? i + 1,
    angleName: readString(shot, 'angleName') ?? '',
    description: readString(shot, 'description') ?? '',
    prompt: readString(shot, 'prompt') ?? '',
    camera: readString(shot, 'camera') ?? '',
    composition: readString(shot, 'composition') ?? '',
    enabled: shot.enabled !== false,
  }));
  return { shots, summary: readString(result, 'summary') ?? '' };
}

/** What a plugin node made: an animation's video, an SVG studio's picture. */
export function pluginOutput(data: Record<string, unknown> | undefined): { video?: string; image?: string } {
  const state = readObject(data, 'state');
  const versions = readObjects(state, 'versions');
  const video =
    readString(readObject(state, 'output'), 'videoUrl') ||
    readString(readObject(state, 'preview'), 'videoUrl') ||
    readString(versions[versions.length - 1], 'videoUrl') ||
    undefined;
  const outputUrl =
    readString(data, 'outputUrl') || readString(readObject(state, 'asset'), 'url') || undefined;
  if (!outputUrl) return { video };
  const isVideo =
    readString(data, 'outputType') === 'video' || readString(data, 'outputMimeType')?.startsWith('video/');
  return isVideo ? { video: video ?? outputUrl } : { video, image: outputUrl };
}

/** The words that say what a node is about, as plain text ('' when it has none). */
export function nodeWords(type: string | undefined, data: Record<string, unknown> | undefined): string {
  switch (type) {
    case 'text':
      return htmlToText(readString(data, 'content') ?? '');
    case 'stickyNote':
      return readString(data, 'content') ?? '';
    case 'imageGenerator':
    case 'videoGenerator':
    case 'musicGenerator':
    case 'videoAudio':
      return readString(data, 'prompt') ?? '';
    case 'speech':
      return (
        readString(data, 'text') ||
        readObjects(data, 'dialogueLines')
          .map((line) => readString(line, 'text') ?? '')
          .join(' ')
      );
    case 'storyboard':
      return readString(data, 'concept') ?? '';
    case 'productShot':
      return readString(data, 'productName') ?? '';
    case 'sticker':
      return readString(data, 'emoji') ?? '';
    case 'group':
      return readString(data, 'name') ?? '';
    case 'media':
      return readString(data, 'name') ?? readString(data, 'filename') ?? '';
    default:
      return readString(data, 'name') ?? readString(data, 'prompt') ?? readString(data, 'title') ?? '';
  }
}

/** One line about a JSON value, for cards showing data Koda does not know. */
export function summarizeValue(value: unknown, max = 60): string {
  switch (jsonTypeOf(value)) {
    case 'string': {
      const text = (value as string).replace(/\s+/g, ' ').trim();
      if (text.startsWith('data:'))
        return `${text.slice(5, text.indexOf(';') > 0 ? text.indexOf(';') : 30)} data`;
      return text.length > max ? `${text.slice(0, max - 1)}…` : text || '""';
    }
    case 'array': {
      const length = (value as unknown[]).length;
      return length === 1 ? '1 item' : `${length} items`;
    }
    case 'object': {
      const keys = Object.keys(value as object);
      const shown = keys.slice(0, 4).join(', ');
      return `{ ${shown}${keys.length > 4 ? ', …' : ''} }`;
    }
    default:
      return String(value);
  }
}

/** Every field of a node's data, summarised, for cards of unknown and plugin nodes. */
export function summarizeData(
  data: Record<string, unknown> | undefined,
  skip: readonly string[] = [],
): { key: string; value: string }[] {
  return Object.entries(data ?? {})
    .filter(([key, value]) => !skip.includes(key) && value !== undefined)
    .map(([key, value]) => ({ key, value: summarizeValue(value) }));
}

/** A short caption for a media URL: its file name, the host it is on, or the kind of inline data. */
export function describeMediaUrl(url: string | undefined): string {
  if (!url) return '';
  if (url.startsWith('data:')) {
    const mime = url.slice(5, url.search(/[;,]/) > 0 ? url.search(/[;,]/) : undefined) || 'inline';
    return `Embedded ${mime}`;
  }
  if (url.startsWith('koda-asset://')) return 'Stored file';
  try {
    const parsed = new URL(url);
    const file = decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() ?? '');
    return file ? `${file} · ${parsed.host}` : parsed.host || url;
  } catch {
    return url;
  }
}
