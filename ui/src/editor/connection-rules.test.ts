import { describe, expect, it } from 'vitest';
import { checkConnection, isValidConnection } from './connection-rules';

const nodes = [
  { id: 'p', type: 'prompt', data: {} },
  { id: 'img', type: 'imageGenerator', data: {} },
  { id: 'vid', type: 'videoGenerator', data: {} },
  { id: 'photo', type: 'media', data: { kind: 'image' } },
  { id: 'clip', type: 'media', data: { kind: 'video' } },
  { id: 'note', type: 'stickyNote', data: {} },
];

const c = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({ source, sourceHandle, target, targetHandle });

describe('connection rules', () => {
  it('accepts matching data types', () => {
    expect(isValidConnection(c('p', 'text', 'img', 'prompt'), nodes, [])).toBe(true);
    expect(isValidConnection(c('img', 'image', 'vid', 'image'), nodes, [])).toBe(true);
    expect(isValidConnection(c('photo', 'image', 'img', 'reference'), nodes, [])).toBe(true);
  });

  it('refuses mismatched data types', () => {
    expect(isValidConnection(c('p', 'text', 'img', 'reference'), nodes, [])).toBe(false);
    expect(isValidConnection(c('vid', 'video', 'img', 'reference'), nodes, [])).toBe(false);
    expect(isValidConnection(c('img', 'image', 'vid', 'prompt'), nodes, [])).toBe(false);
  });

  it('follows the media kind for the media output', () => {
    expect(isValidConnection(c('clip', 'image', 'vid', 'image'), nodes, [])).toBe(false);
    expect(isValidConnection(c('clip', 'video', 'img', 'reference'), nodes, [])).toBe(false);
  });

  it('refuses self-loops', () => {
    const verdict = checkConnection(c('img', 'image', 'img', 'reference'), nodes, []);
    expect(verdict.ok).toBe(false);
  });

  it('refuses duplicates', () => {
    const existing = [{ id: 'e', ...c('p', 'text', 'img', 'prompt') }];
    expect(isValidConnection(c('p', 'text', 'img', 'prompt'), nodes, existing)).toBe(false);
    expect(isValidConnection(c('p', 'text', 'vid', 'prompt'), nodes, existing)).toBe(true);
  });

  it('refuses handles that do not exist, in either direction', () => {
    expect(isValidConnection(c('note', 'text', 'img', 'prompt'), nodes, [])).toBe(false);
    expect(isValidConnection(c('img', 'prompt', 'p', 'text'), nodes, [])).toBe(false);
    expect(isValidConnection(c('p', 'text', 'ghost', 'prompt'), nodes, [])).toBe(false);
  });
});
