import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KodaNode } from '../editor/persisted';
import { ThumbnailCapture, thumbnailOutdated, type CanvasPicture } from './thumbnail-capture';

const node = (id: string, x = 0): KodaNode => ({ id, type: 'prompt', position: { x, y: 0 }, data: {} });

function setup(options: { outdated?: boolean; fail?: boolean } = {}) {
  let picture: CanvasPicture = { nodes: [node('a')], edges: [] };
  const stored: (string | null)[] = [];
  const store = vi.fn(async (p: CanvasPicture) => {
    if (options.fail) throw new Error('disk full');
    return p.nodes.length ? `thumb-${p.nodes.map((n) => n.position.x).join(',')}` : null;
  });
  const capture = new ThumbnailCapture({
    getPicture: () => picture,
    store,
    onStored: (t) => stored.push(t),
    outdated: options.outdated,
    delayMs: 2000,
  });
  return {
    capture,
    store,
    stored,
    set(next: CanvasPicture) {
      picture = next;
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ThumbnailCapture', () => {
  it('takes a picture once edits have settled for the delay', async () => {
    const t = setup();
    t.set({ nodes: [node('a', 10)], edges: [] });
    t.capture.edited();
    await vi.advanceTimersByTimeAsync(1500);
    t.capture.edited();
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.store).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(t.stored).toEqual(['thumb-10']);
  });

  it('skips the picture when the graph did not change (selection and measurements do not count)', async () => {
    const t = setup();
    t.set({ nodes: [{ ...node('a'), selected: true, measured: { width: 280, height: 180 } }], edges: [] });
    t.capture.edited();
    await vi.advanceTimersByTimeAsync(2000);
    await t.capture.captureNow();
    expect(t.store).not.toHaveBeenCalled();
  });

  it('replaces an outdated thumbnail on leaving even without edits', async () => {
    const t = setup({ outdated: true });
    await t.capture.captureNow();
    expect(t.stored).toEqual(['thumb-0']);
    await t.capture.captureNow();
    expect(t.store).toHaveBeenCalledTimes(1);
  });

  it('clears the thumbnail of a canvas that became empty', async () => {
    const t = setup();
    t.set({ nodes: [], edges: [] });
    await t.capture.captureNow();
    expect(t.stored).toEqual([null]);
  });

  it('keeps trying after a failure, and stops the timer when disposed', async () => {
    const t = setup({ fail: true });
    t.set({ nodes: [node('a', 5)], edges: [] });
    await t.capture.captureNow();
    await t.capture.captureNow();
    expect(t.store).toHaveBeenCalledTimes(2);
    t.capture.edited();
    t.capture.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.store).toHaveBeenCalledTimes(2);
  });
});

describe('thumbnailOutdated', () => {
  const sha = 'b'.repeat(64);
  it('asks for a picture where there is none or it is of the old kind', () => {
    expect(thumbnailOutdated({ nodes: [1] }, true)).toBe(true);
    expect(thumbnailOutdated({ nodes: [1], thumbnail: 'data:image/svg+xml,…' }, true)).toBe(true);
    expect(thumbnailOutdated({ nodes: [1], thumbnail: `koda-asset://${sha}` }, true)).toBe(false);
    expect(thumbnailOutdated({ nodes: [1], thumbnail: 'data:image/png;base64,…' }, false)).toBe(false);
    expect(thumbnailOutdated({ nodes: [], thumbnail: `koda-asset://${sha}` }, true)).toBe(true);
    expect(thumbnailOutdated({ nodes: [] }, false)).toBe(false);
  });
});

describe('thumbnailOutdated with real images', () => {
  const sha = 'c'.repeat(64);
  const media = {
    id: 'm',
    type: 'media',
    position: { x: 0, y: 0 },
    data: { type: 'image', url: `koda-asset://${sha}` },
  };
  it('wants the canvas’s first image as its picture', () => {
    expect(thumbnailOutdated({ nodes: [media], thumbnail: `koda-asset://${'d'.repeat(64)}` }, true)).toBe(
      true,
    );
    expect(thumbnailOutdated({ nodes: [media], thumbnail: `koda-asset://${sha}` }, true)).toBe(false);
    const remote = { ...media, data: { type: 'image', url: 'https://cdn.example/cat.png' } };
    expect(thumbnailOutdated({ nodes: [remote], thumbnail: 'https://cdn.example/cat.png' }, true)).toBe(
      false,
    );
    expect(thumbnailOutdated({ nodes: [remote], thumbnail: `koda-asset://${sha}` }, false)).toBe(true);
  });
});
