import { describe, expect, it } from 'vitest';
import { mediaKindOfFile, readMediaFile, storeMediaFile } from './media-file';

describe('media files', () => {
  it('knows images from videos from the rest', () => {
    expect(mediaKindOfFile({ type: 'image/png' })).toBe('image');
    expect(mediaKindOfFile({ type: 'video/mp4' })).toBe('video');
    expect(mediaKindOfFile({ type: 'application/pdf' })).toBeNull();
  });

  it('reads an image into a data URL with its name', async () => {
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'dot.png', { type: 'image/png' });
    const data = await readMediaFile(file);
    expect(data).toMatchObject({ kind: 'image', filename: 'dot.png' });
    expect(data.src.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('refuses other files', async () => {
    await expect(readMediaFile(new File(['x'], 'a.txt', { type: 'text/plain' }))).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('stores files in the asset store when the backend has one', async () => {
    const sha = 'b'.repeat(64);
    const calls: unknown[] = [];
    const provider = {
      addAsset: async (bytes: Uint8Array, meta: { filename: string; canvasId?: string }) => {
        calls.push([bytes.length, meta]);
        return { id: 'a1', type: 'image' as const, localBlobKey: sha, createdAt: 0 };
      },
    };
    const file = new File([new Uint8Array([1, 2, 3])], 'shot.png', { type: 'image/png' });
    expect(await storeMediaFile(file, provider, { canvasId: 'c' })).toEqual({ src: `koda-asset://${sha}`, kind: 'image', filename: 'shot.png' });
    expect(calls).toEqual([[3, { filename: 'shot.png', canvasId: 'c' }]]);
  });

  it('embeds files when there is no asset store', async () => {
    const file = new File([new Uint8Array([1])], 'a.png', { type: 'image/png' });
    expect((await storeMediaFile(file, {})).src.startsWith('data:image/png')).toBe(true);
  });
});
