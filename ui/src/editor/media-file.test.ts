import { describe, expect, it } from 'vitest';
import { mediaKindOfFile, readMediaFile } from './media-file';

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
});
