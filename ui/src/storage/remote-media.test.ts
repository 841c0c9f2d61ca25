import { describe, expect, it, vi } from 'vitest';
import { isRemoteUrl, RemoteMediaCache } from './remote-media';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RemoteMediaCache', () => {
  it('asks once per URL for the session, whoever asks', async () => {
    const show = vi.fn(async (url: string) => ({
      url: `koda://asset/${url.length}`,
      kind: 'image' as const,
    }));
    const cache = new RemoteMediaCache(show);
    const heard = vi.fn();
    cache.subscribe(heard);
    cache.request('https://a.test/1.png', { nodeId: 'n1' });
    cache.request('https://a.test/1.png', { nodeId: 'n2' });
    expect(cache.get('https://a.test/1.png')).toEqual({ status: 'loading' });
    await flush();
    cache.request('https://a.test/1.png', { nodeId: 'n3' });
    expect(show).toHaveBeenCalledTimes(1);
    expect(show).toHaveBeenCalledWith('https://a.test/1.png', { nodeId: 'n1' });
    expect(cache.get('https://a.test/1.png')).toEqual({
      status: 'ready',
      media: { url: 'koda://asset/20', kind: 'image' },
    });
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('keeps a failure until Retry, which asks again', async () => {
    const show = vi
      .fn()
      .mockRejectedValueOnce({ code: 'invalid_input', message: 'That address is a web page, not media' })
      .mockResolvedValueOnce({ url: 'koda://asset/x' });
    const cache = new RemoteMediaCache(show);
    cache.request('https://a.test/page', {});
    await flush();
    cache.request('https://a.test/page', {});
    expect(show).toHaveBeenCalledTimes(1);
    expect(cache.get('https://a.test/page')).toEqual({
      status: 'failed',
      error: { code: 'invalid_input', message: 'That address is a web page, not media' },
    });
    cache.retry('https://a.test/page', { nodeId: 'n' });
    await flush();
    expect(show).toHaveBeenCalledTimes(2);
    expect(cache.get('https://a.test/page')).toMatchObject({ status: 'ready' });
    // Retry does nothing for a URL that did not fail.
    cache.retry('https://a.test/page', {});
    expect(show).toHaveBeenCalledTimes(2);
  });

  it('knows remote URLs', () => {
    expect(isRemoteUrl('https://x.test/a.png')).toBe(true);
    expect(isRemoteUrl('HTTP://x.test/a.png')).toBe(true);
    expect(isRemoteUrl('data:image/png;base64,AA')).toBe(false);
    expect(isRemoteUrl('koda-asset://abc')).toBe(false);
    expect(isRemoteUrl(undefined)).toBe(false);
  });
});
