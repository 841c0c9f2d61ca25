import { describe, expect, it } from 'vitest';
import { bytesToDataUrl } from './data-url';

describe('bytesToDataUrl', () => {
  it('encodes bytes as base64', () => {
    expect(bytesToDataUrl(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')).toBe(
      'data:image/png;base64,iVBORw==',
    );
  });

  it('handles inputs larger than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    const url = bytesToDataUrl(bytes, 'application/octet-stream');
    const decoded = Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
  });
});
