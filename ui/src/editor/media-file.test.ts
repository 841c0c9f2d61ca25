import { describe, expect, it } from 'vitest';
import { storeMediaFile } from './media-file';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
const png = (name = 'shot.png', type = 'image/png') => new File([new Uint8Array(PNG)], name, { type });

function assetStore(sha = 'b'.repeat(64)) {
  const calls: unknown[] = [];
  return {
    calls,
    addAsset: async (bytes: Uint8Array, meta: { filename: string; canvasId?: string }) => {
      calls.push([bytes.length, meta]);
      return { id: 'a1', type: 'image' as const, localBlobKey: sha, createdAt: 0 };
    },
  };
}

describe('storeMediaFile', () => {
  it('stores files in the asset store and keeps a reference', async () => {
    const sha = 'b'.repeat(64);
    const provider = assetStore(sha);
    expect(await storeMediaFile(png(), provider, { canvasId: 'c' })).toEqual({
      url: `koda-asset://${sha}`,
      type: 'image',
      name: 'shot.png',
    });
    expect(provider.calls).toEqual([[PNG.length, { filename: 'shot.png', canvasId: 'c' }]]);
  });

  it('judges a file by its bytes, not its name or declared type', async () => {
    const provider = assetStore();
    // A PNG called .mov with no type is still an image …
    expect((await storeMediaFile(png('still.mov', ''), provider)).type).toBe('image');
    // … and a zip called .png is refused before anything is stored.
    const zip = new File([new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0])], 'photo.png', {
      type: 'image/png',
    });
    await expect(storeMediaFile(zip, provider)).rejects.toEqual({
      code: 'invalid_input',
      message: '“photo.png” is not an image or a video Koda can show (PNG, JPEG, GIF, WebP, MP4 or WebM).',
    });
    expect(provider.calls).toHaveLength(1);
  });

  it('refuses files over 512 MB with a clear message', async () => {
    const huge = png('huge.mp4');
    Object.defineProperty(huge, 'size', { value: 512 * 1024 * 1024 + 1 });
    await expect(storeMediaFile(huge, assetStore())).rejects.toEqual({
      code: 'too_large',
      message: '“huge.mp4” is over 512 MB.',
    });
  });

  it('embeds files as data: URLs of their real type when there is no asset store', async () => {
    const data = await storeMediaFile(png('a.bin', 'application/octet-stream'), {});
    expect(data.type).toBe('image');
    expect(data.url.startsWith('data:image/png;base64,')).toBe(true);
  });
});
