import { describe, expect, it } from 'vitest';
import { sniffMedia } from './media-sniff';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffMedia', () => {
  it('recognises the image formats by their signatures', () => {
    expect(sniffMedia(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual({
      mime: 'image/png',
      kind: 'image',
    });
    expect(sniffMedia(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ mime: 'image/jpeg', kind: 'image' });
    expect(sniffMedia(bytes('GIF89a', [1, 0]))).toEqual({ mime: 'image/gif', kind: 'image' });
    expect(sniffMedia(bytes('GIF87a'))).toEqual({ mime: 'image/gif', kind: 'image' });
    expect(sniffMedia(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toEqual({
      mime: 'image/webp',
      kind: 'image',
    });
  });

  it('recognises MP4 and WebM video', () => {
    expect(sniffMedia(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]))).toEqual({
      mime: 'video/mp4',
      kind: 'video',
    });
    expect(sniffMedia(bytes([0, 0, 0, 0x18], 'ftypmp42'))).toEqual({ mime: 'video/mp4', kind: 'video' });
    expect(sniffMedia(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]))).toEqual({
      mime: 'video/webm',
      kind: 'video',
    });
  });

  it('refuses everything else, whatever the file is called', () => {
    expect(sniffMedia(bytes('%PDF-1.7'))).toBeNull();
    expect(sniffMedia(bytes('PK', [3, 4, 20, 0]))).toBeNull(); // a zip renamed .png
    expect(sniffMedia(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffMedia(bytes([0, 0, 0, 0x1c], 'ftypavif'))).toBeNull(); // a still image in an MP4 box
    expect(sniffMedia(bytes([0x89], 'PN'))).toBeNull(); // truncated
    expect(sniffMedia(new Uint8Array())).toBeNull();
  });
});
