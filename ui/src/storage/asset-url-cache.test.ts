import { describe, expect, it, vi } from 'vitest';
import { AssetUrlCache } from './asset-url-cache';

const sha = 'a'.repeat(64);
const ref = `koda-asset://${sha}`;

function setup(files: Record<string, Blob> = { [sha]: new Blob(['x'], { type: 'image/png' }) }) {
  const getBlob = vi.fn(async (key: string) => files[key] ?? null);
  let made = 0;
  const cache = new AssetUrlCache({ getBlob }, () => `blob:koda/${++made}`);
  return { cache, getBlob };
}

describe('AssetUrlCache', () => {
  it('resolves a reference to one object URL, made once and reused', async () => {
    const { cache, getBlob } = setup();
    expect(cache.cached(ref)).toBeUndefined();
    const [a, b] = await Promise.all([
      cache.resolve(ref),
      cache.resolve(ref.toUpperCase().replace('KODA-ASSET', 'koda-asset')),
    ]);
    expect(a).toBe('blob:koda/1');
    expect(b).toBe('blob:koda/1');
    expect(await cache.resolve(ref)).toBe('blob:koda/1');
    expect(cache.cached(ref)).toBe('blob:koda/1');
    expect(getBlob).toHaveBeenCalledTimes(1);
  });

  it('gives undefined for missing files and for anything that is not a reference', async () => {
    const { cache, getBlob } = setup({});
    expect(await cache.resolve(ref)).toBeUndefined();
    expect(await cache.resolve('koda-asset://../../secret')).toBeUndefined();
    expect(await cache.resolve('data:image/png;base64,AAAA')).toBeUndefined();
    expect(await cache.resolve(undefined)).toBeUndefined();
    expect(getBlob).toHaveBeenCalledTimes(1);
  });

  it('survives a failing read', async () => {
    const cache = new AssetUrlCache(
      { getBlob: async () => Promise.reject(new Error('closed')) },
      () => 'blob:x',
    );
    expect(await cache.resolve(ref)).toBeUndefined();
  });
});
