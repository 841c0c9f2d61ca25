import { describe, expect, it } from 'vitest';
import { FALLBACK_INPUT, FALLBACK_OUTPUT } from '../canvas/handles';
import { checkConnection, isValidConnection } from './connection-rules';

const nodes = [
  { id: 'p', type: 'text', data: {} },
  { id: 'img', type: 'imageGenerator', data: { model: 'nanobanana-2' } },
  { id: 'vid', type: 'videoGenerator', data: { model: 'veo-3.1-i2v' } },
  { id: 'flf', type: 'videoGenerator', data: { model: 'kling-3.0-i2v' } },
  { id: 'photo', type: 'media', data: { type: 'image' } },
  { id: 'clip', type: 'media', data: { type: 'video' } },
  { id: 'song', type: 'musicGenerator', data: {} },
  { id: 'lips', type: 'videoAudio', data: { model: 'sync-lipsync-v2-pro' } },
  { id: 'note', type: 'stickyNote', data: {} },
  { id: 'future', type: 'futureNode', data: {} },
];

const c = (source: string, sourceHandle: string, target: string, targetHandle: string) => ({
  source,
  sourceHandle,
  target,
  targetHandle,
});

describe('connection rules', () => {
  it('accepts matching data types on the handles Koda web draws', () => {
    expect(isValidConnection(c('p', 'output', 'img', 'text'), nodes, [])).toBe(true);
    expect(isValidConnection(c('img', 'output', 'vid', 'reference'), nodes, [])).toBe(true);
    expect(isValidConnection(c('img', 'output', 'flf', 'lastFrame'), nodes, [])).toBe(true);
    expect(isValidConnection(c('photo', 'output', 'img', 'reference'), nodes, [])).toBe(true);
    expect(isValidConnection(c('clip', 'output', 'lips', 'video'), nodes, [])).toBe(true);
    expect(isValidConnection(c('song', 'output', 'lips', 'audio'), nodes, [])).toBe(true);
  });

  it('refuses mismatched data types', () => {
    expect(isValidConnection(c('p', 'output', 'img', 'reference'), nodes, [])).toBe(false);
    expect(isValidConnection(c('vid', 'output', 'img', 'reference'), nodes, [])).toBe(false);
    expect(isValidConnection(c('img', 'output', 'vid', 'text'), nodes, [])).toBe(false);
    expect(isValidConnection(c('song', 'output', 'lips', 'video'), nodes, [])).toBe(false);
  });

  it('follows the media type for the media output, and the model for the inputs', () => {
    expect(isValidConnection(c('clip', 'output', 'vid', 'reference'), nodes, [])).toBe(false);
    expect(isValidConnection(c('img', 'output', 'flf', 'reference'), nodes, [])).toBe(false);
  });

  it('refuses self-loops', () => {
    expect(checkConnection(c('img', 'output', 'img', 'reference'), nodes, []).ok).toBe(false);
  });

  it('refuses duplicates', () => {
    const existing = [{ id: 'e', ...c('p', 'output', 'img', 'text') }];
    expect(isValidConnection(c('p', 'output', 'img', 'text'), nodes, existing)).toBe(false);
    expect(isValidConnection(c('p', 'output', 'vid', 'text'), nodes, existing)).toBe(true);
  });

  it('refuses handles that are not drawn, fallback handles and legacy ids included', () => {
    expect(isValidConnection(c('note', FALLBACK_OUTPUT, 'img', 'text'), nodes, [])).toBe(false);
    expect(isValidConnection(c('p', 'output', 'future', FALLBACK_INPUT), nodes, [])).toBe(false);
    expect(isValidConnection(c('p', 'text', 'img', 'text'), nodes, [])).toBe(false);
    expect(isValidConnection(c('p', 'output', 'img', 'prompt'), nodes, [])).toBe(false);
    expect(isValidConnection(c('img', 'text', 'p', 'output'), nodes, [])).toBe(false);
    expect(isValidConnection(c('p', 'output', 'ghost', 'text'), nodes, [])).toBe(false);
  });
});
