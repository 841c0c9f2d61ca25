import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { BrowserAssetStore } from './browser-asset-store';
import { sha256Hex } from './sha256';

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const WEBM = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1]);

function store(clock = { now: 1_000_000 }) {
  return {
    clock,
    assets: new BrowserAssetStore({ indexedDB: new IDBFactory(), now: () => clock.now, graceMs: 60_000 }),
  };
}

describe('BrowserAssetStore (fake IndexedDB)', () => {
  it('stores a file under its SHA-256 with the type its bytes say', async () => {
    const { assets } = store();
    const record = await assets.add(PNG, { filename: 'shot.jpg', canvasId: 'c1' });
    expect(record).toMatchObject({
      type: 'image',
      mimeType: 'image/png',
      filename: 'shot.jpg',
      sizeBytes: PNG.length,
      canvasId: 'c1',
    });
    expect(record.localBlobKey).toBe(await sha256Hex(PNG));
    expect(record.localBlobKey).toMatch(/^[0-9a-f]{64}$/);
    const file = await assets.getBytes(record.localBlobKey!);
    expect(file).toEqual({ bytes: PNG, mimeType: 'image/png' });
  });

  it('keeps identical bytes once', async () => {
    const { assets } = store();
    const a = await assets.add(PNG, { filename: 'a.png' });
    const b = await assets.add(PNG.slice(), { filename: 'copy.png' });
    expect(a.localBlobKey).toBe(b.localBlobKey);
    expect(await assets.keys()).toEqual([a.localBlobKey]);
  });

  it('refuses what is not an image or video, and files over 512 MB, storing nothing', async () => {
    const { assets } = store();
    await expect(
      assets.add(new TextEncoder().encode('%PDF-1.7 …'), { filename: 'doc.png' }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const huge = new Uint8Array(8);
    Object.defineProperty(huge, 'length', { value: 512 * 1024 * 1024 + 1 });
    await expect(assets.add(huge, { filename: 'huge.webm' })).rejects.toMatchObject({
      code: 'too_large',
      message: '“huge.webm” is over 512 MB.',
    });
    expect(await assets.keys()).toEqual([]);
  });

  it('answers null for a file it does not have', async () => {
    const { assets } = store();
    expect(await assets.getBytes('c'.repeat(64))).toBeNull();
  });

  it('collects files nothing refers to, sparing recent ones', async () => {
    const { assets, clock } = store();
    const kept = (await assets.add(PNG, { filename: 'kept.png' })).localBlobKey!;
    const orphan = (await assets.add(WEBM, { filename: 'clip.webm' })).localBlobKey!;
    expect(await assets.removeUnreferenced(new Set([kept]))).toBe(0); // too recent to collect
    clock.now += 120_000;
    expect(await assets.removeUnreferenced(new Set([kept]))).toBe(1);
    expect(await assets.keys()).toEqual([kept]);
    expect(await assets.getBytes(orphan)).toBeNull();
  });
});
