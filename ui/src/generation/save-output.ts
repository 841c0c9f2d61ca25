/**
 * Saving a generated output as a file. The desktop app writes the stored file out itself
 * (`save_asset`, by SHA-256: the WebView cannot read koda:// files across origins); a browser
 * downloads what it can load.
 */
import type { MediaKind } from '../canvas/node-specs';
import { parseAssetRef } from '../storage/asset-url';
import { toErrorPayload } from '../storage/errors';
import type { StorageProvider } from '../storage/types';
import type { GenerationBackend } from './generation-client';

/** A file name for an output: the node's name (or kind) and its number, without an extension. */
export function outputFileStem(name: string | undefined, kind: MediaKind, index: number): string {
  const base = [...(name?.trim() || `koda-${kind}`)]
    // Characters no file system takes (and control characters) become spaces.
    .map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .replace(/\s+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || `koda-${kind}`}-${index + 1}`;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/ogg': 'ogg',
};

/** Where a saved output went, or why it could not be saved; for a toast. */
export interface SaveOutcome {
  ok: boolean;
  message: string;
}

export async function saveOutput(
  url: string,
  stem: string,
  provider: StorageProvider,
  backend: GenerationBackend | null,
): Promise<SaveOutcome> {
  try {
    if (provider.isDesktop) {
      if (!backend) return { ok: false, message: 'Saving needs the Koda desktop app.' };
      let sha = parseAssetRef(url);
      if (!sha && /^https?:\/\//.test(url)) sha = (await provider.showRemoteMedia(url, {})).sha256 ?? null;
      if (!sha) return { ok: false, message: 'This output is not a stored file Koda can save.' };
      const { path } = await backend.saveAsset(sha, stem);
      // Null: the person cancelled the Save dialog; nothing to say.
      return { ok: true, message: path === null ? '' : `Saved to ${path}` };
    }
    const href = parseAssetRef(url) ? await provider.resolveAssetUrl?.(url) : url;
    if (!href) return { ok: false, message: 'This file is not in this browser.' };
    let objectUrl = href;
    let extension = '';
    if (!href.startsWith('blob:') && !href.startsWith('data:')) {
      // A remote file: downloaded through a blob so the browser saves it rather than opening it.
      const response = await fetch(href);
      const blob = await response.blob();
      extension = EXTENSIONS[blob.type] ?? '';
      objectUrl = URL.createObjectURL(blob);
    } else if (href.startsWith('data:')) {
      extension = EXTENSIONS[href.slice(5, href.indexOf(';'))] ?? '';
    }
    const link = document.createElement('a');
    link.href = objectUrl;
    link.download = extension ? `${stem}.${extension}` : stem;
    document.body.append(link);
    link.click();
    link.remove();
    return { ok: true, message: `Downloaded ${link.download}` };
  } catch (raw) {
    const error = toErrorPayload(raw);
    // An app without `save_asset` yet answers that the command does not exist.
    if (/save_asset/.test(error.message) && /not found|unknown/i.test(error.message))
      return { ok: false, message: 'Saving outputs needs a newer Koda Desktop.' };
    return { ok: false, message: `Couldn’t save: ${error.message}` };
  }
}
