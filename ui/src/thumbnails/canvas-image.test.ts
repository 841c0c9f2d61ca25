import { describe, expect, it, vi } from 'vitest';
import { firstCanvasImage, nodeImage, storeCanvasThumbnail } from './canvas-image';

const sha = 'a'.repeat(64);
const ref = `koda-asset://${sha}`;
const n = (id: string, type: string, data: Record<string, unknown>) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});

describe('firstCanvasImage', () => {
  it('takes media images and generator outputs, in node order', () => {
    expect(nodeImage(n('m', 'media', { type: 'image', url: ref }))).toBe(ref);
    expect(nodeImage(n('m', 'media', { url: 'https://x.test/a.png' }))).toBe('https://x.test/a.png');
    expect(nodeImage(n('m', 'media', { type: 'video', url: ref }))).toBeUndefined();
    expect(nodeImage(n('g', 'imageGenerator', { outputUrl: 'data:image/png;base64,AAA' }))).toBe(
      'data:image/png;base64,AAA',
    );
    expect(nodeImage(n('g', 'imageGenerator', { outputUrls: ['cached:1', 'https://x.test/2.png'] }))).toBe(
      'https://x.test/2.png',
    );
    expect(
      firstCanvasImage([
        n('t', 'text', { content: 'hi' }),
        n('g', 'imageGenerator', { outputUrl: ref }),
        n('m', 'media', { url: 'https://x.test/a.png' }),
      ]),
    ).toBe(ref);
  });

  it('skips what cannot be a picture, and falls back to a video’s poster', () => {
    expect(
      firstCanvasImage([
        n('m', 'media', { url: '/templates/x.jpg' }),
        n('m2', 'media', { url: 'cached:abc' }),
        n('m3', 'media', { url: 'koda-asset://nope' }),
      ]),
    ).toBeUndefined();
    expect(
      firstCanvasImage([
        n('v', 'videoGenerator', { outputUrl: 'https://x.test/v.mp4', thumbnailUrl: 'https://x.test/v.jpg' }),
      ]),
    ).toBe('https://x.test/v.jpg');
    // An old desktop media node.
    expect(firstCanvasImage([n('m', 'media', { kind: 'image', src: ref })])).toBe(ref);
    expect(firstCanvasImage([])).toBeUndefined();
  });
});

function provider(overrides: Record<string, unknown> = {}) {
  return {
    thumbnailSize: { width: 320, height: 200 },
    setThumbnail: vi.fn(async () => {}),
    setThumbnailImage: vi.fn(async () => 'data:image/png;base64,painted'),
    showRemoteMedia: vi.fn(async (url: string) => ({ url, kind: 'image' as const })),
    ...overrides,
  };
}

describe('storeCanvasThumbnail', () => {
  it('uses a kept file as the picture as it is', async () => {
    const p = provider();
    await expect(
      storeCanvasThumbnail(p, 'c1', { nodes: [n('m', 'media', { type: 'image', url: ref })], edges: [] }),
    ).resolves.toBe(ref);
    expect(p.setThumbnail).toHaveBeenCalledWith('c1', ref);
  });

  it('uses a remote image once the backend could fetch it, else the painted layout', async () => {
    const p = provider();
    const nodes = [n('g', 'imageGenerator', { outputUrl: 'https://cdn.test/out.png' })];
    await expect(storeCanvasThumbnail(p, 'c1', { nodes, edges: [] })).resolves.toBe(
      'https://cdn.test/out.png',
    );
    expect(p.showRemoteMedia).toHaveBeenCalledWith('https://cdn.test/out.png', { canvasId: 'c1' });

    const offline = provider({
      showRemoteMedia: vi.fn(async () => Promise.reject({ code: 'unreachable', message: 'offline' })),
    });
    // jsdom has no 2D canvas: the painter has nothing to give either.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    await expect(storeCanvasThumbnail(offline, 'c1', { nodes, edges: [] })).resolves.toBeUndefined();
    expect(offline.setThumbnail).not.toHaveBeenCalled();
  });

  it('clears the picture of an empty canvas', async () => {
    const p = provider();
    await expect(storeCanvasThumbnail(p, 'c1', { nodes: [], edges: [] })).resolves.toBeNull();
    expect(p.setThumbnail).toHaveBeenCalledWith('c1', null);
  });
});
