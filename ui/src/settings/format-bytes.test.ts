import { describe, expect, it } from 'vitest';
import { formatBytes, parseBoundedInt } from './format-bytes';

describe('formatBytes', () => {
  it('picks a readable unit', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(2_000_000)).toBe('2 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('parseBoundedInt', () => {
  it('clamps and refuses non-numbers', () => {
    expect(parseBoundedInt('12', 4, 64)).toBe(12);
    expect(parseBoundedInt('2', 4, 64)).toBe(4);
    expect(parseBoundedInt('999', 4, 64)).toBe(64);
    expect(parseBoundedInt('abc', 4, 64)).toBeNull();
  });
});
