import { describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({
  convertFileSrc: (path: string, protocol: string) => `${protocol}://localhost/${encodeURIComponent(path)}`,
}));

const { assetUrl } = await import('./asset-url');
const sha = 'a'.repeat(64);

describe('assetUrl', () => {
  it('passes plain URLs through', () => {
    expect(assetUrl('data:image/png;base64,AAA', 'asset', true)).toBe('data:image/png;base64,AAA');
    expect(assetUrl(undefined)).toBeUndefined();
  });

  it('maps asset references to the koda:// protocol on desktop', () => {
    expect(assetUrl(`koda-asset://${sha}`, 'asset', true)).toBe(
      `koda://localhost/${encodeURIComponent(`asset/${sha}`)}`,
    );
    expect(assetUrl(`koda-asset://${sha}`, 'thumb-small', true)).toBe(
      `koda://localhost/${encodeURIComponent(`thumb/${sha}/small`)}`,
    );
  });

  it('gives nothing for references it cannot show', () => {
    expect(assetUrl(`koda-asset://${sha}`, 'asset', false)).toBeUndefined();
    expect(assetUrl('koda-asset://../../etc/passwd', 'asset', true)).toBeUndefined();
  });
});
