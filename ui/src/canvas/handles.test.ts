import { describe, expect, it } from 'vitest';
import { kodaWebFixture } from './fixtures.test-util';
import {
  dataTypeOfHandleId,
  edgeDataType,
  FALLBACK_INPUT,
  FALLBACK_OUTPUT,
  handlesOf,
  inputsOf,
  outputsOf,
  resolveHandle,
} from './handles';

const inputIds = (type: string, data: Record<string, unknown> = {}) => inputsOf(type, data).map((h) => h.id);

describe('node handles (Koda web ids)', () => {
  it('draws each type’s inputs and outputs', () => {
    expect(outputsOf('text', {}).map((h) => h.id)).toEqual(['output']);
    expect(outputsOf('media', { type: 'audio' })).toEqual([
      { id: 'output', dataType: 'audio', label: 'Audio' },
    ]);
    expect(inputIds('musicGenerator')).toEqual(['text']);
    expect(inputIds('speech', { model: 'lux-tts' })).toEqual(['text', 'audio']);
    expect(inputIds('speech')).toEqual(['text']);
    expect(inputIds('videoAudio', { model: 'sync-lipsync-v2-pro' })).toEqual(['video', 'text', 'audio']);
    expect(inputIds('productShot')).toEqual(['productImage']);
    expect(handlesOf('stickyNote', {})).toEqual({ inputs: [], outputs: [] });
    expect(handlesOf('futureNode', {})).toEqual({ inputs: [], outputs: [] });
  });

  it('follows the video model', () => {
    expect(inputIds('videoGenerator', { model: 'veo-3' })).toEqual(['text']);
    expect(inputIds('videoGenerator', { model: 'veo-3.1-i2v' })).toEqual(['text', 'reference']);
    expect(inputIds('videoGenerator', { model: 'veo-3.1-flf' })).toEqual(['firstFrame', 'lastFrame', 'text']);
    expect(inputIds('videoGenerator', { model: 'veo-3.1-ref' })).toEqual(['text', 'ref1', 'ref2', 'ref3']);
    // Single image with reference, video and audio inputs: no `reference`.
    expect(inputIds('videoGenerator', { model: 'seedance-2.0-i2v' })).toEqual([
      'text',
      'ref1',
      'ref2',
      'ref3',
      'video',
      'audio',
    ]);
    expect(inputIds('videoGenerator', { model: 'kling-3.0-mc' })).toEqual(['text', 'video']);
    // A model Koda does not know keeps a text and an image input.
    expect(inputIds('videoGenerator', { model: 'veo-9' })).toEqual(['text', 'reference']);
  });

  it('follows storyboard references and plugin counts', () => {
    expect(
      inputIds('storyboard', {
        references: [{ handleId: 'refImage_0', label: 'Tower' }, { handleId: 'refImage_3' }],
      }),
    ).toEqual(['refImage_0', 'refImage_3']);
    expect(inputIds('storyboard', {})).toEqual(['productImage', 'characterImage']);
    expect(
      inputIds('pluginNode', { pluginId: 'animation-generator', imageRefCount: 2, videoRefCount: 1 }),
    ).toEqual(['image-ref-0', 'image-ref-1', 'video-ref-0']);
    expect(inputIds('pluginNode', { pluginId: 'animation-generator' })).toEqual(['image-ref-0']);
    expect(outputsOf('pluginNode', { pluginId: 'prompt-studio' }).map((h) => h.id)).toEqual([
      'prompt-output',
    ]);
    expect(handlesOf('pluginNode', { pluginId: 'glyph' })).toEqual({ inputs: [], outputs: [] });
  });

  it('never fails on data of the wrong type', () => {
    expect(inputIds('imageGenerator', { model: 42, refHandleCount: 'many' })).toEqual(['text', 'reference']);
    expect(inputIds('storyboard', { references: [null, 'x', { handleId: 7 }] })).toEqual([
      'refImage_0',
      'refImage_1',
      'refImage_2',
    ]);
    expect(inputIds('pluginNode', { pluginId: 'animation-generator', imageRefCount: 1e9 })).toHaveLength(8);
  });
});

describe('resolveHandle', () => {
  it('keeps ids the node draws', () => {
    expect(resolveHandle('videoGenerator', { model: 'kling-3.0-i2v' }, 'target', 'lastFrame')).toBe(
      'lastFrame',
    );
  });

  it('draws ids the node does not draw on one of the same kind, else its first, else the fallback', () => {
    // Templates' sources.
    expect(resolveHandle('text', {}, 'source', 'text')).toBe('output');
    expect(resolveHandle('media', { type: 'image' }, 'source', 'image')).toBe('output');
    // An image reference the model has no slot for: the first image input.
    expect(resolveHandle('videoGenerator', { model: 'kling-3.0-i2v' }, 'target', 'ref9')).toBe('firstFrame');
    // Old storyboards' inputs fill the first two reference slots.
    expect(
      resolveHandle(
        'storyboard',
        { references: [{ handleId: 'refImage_0' }, { handleId: 'refImage_1' }] },
        'target',
        'characterImage',
      ),
    ).toBe('refImage_1');
    expect(resolveHandle('imageGenerator', { model: 'flux-schnell' }, 'target', 'reference')).toBe('text');
    expect(resolveHandle('imageGenerator', {}, 'target', null)).toBe('text');
    expect(resolveHandle('futureNode', {}, 'target', 'anything')).toBe(FALLBACK_INPUT);
    expect(resolveHandle('stickyNote', {}, 'source', undefined)).toBe(FALLBACK_OUTPUT);
  });

  it('draws every edge of the showcase on a handle its nodes draw', () => {
    const canvas = kodaWebFixture('showcase');
    const byId = new Map(canvas.nodes.map((n) => [n.id, n]));
    for (const edge of canvas.edges) {
      const source = byId.get(edge.source)!;
      const target = byId.get(edge.target)!;
      const from = resolveHandle(source.type, source.data, 'source', edge.sourceHandle);
      const to = resolveHandle(target.type, target.data, 'target', edge.targetHandle);
      expect(
        outputsOf(source.type, source.data).map((h) => h.id),
        edge.id,
      ).toContain(from);
      expect(
        inputsOf(target.type, target.data).map((h) => h.id),
        edge.id,
      ).toContain(to);
    }
  });

  it('colours an edge by what its source carries', () => {
    expect(edgeDataType('media', { type: 'video' }, 'image')).toBe('video');
    expect(edgeDataType('musicGenerator', {}, 'output')).toBe('audio');
    expect(dataTypeOfHandleId('image-ref-3')).toBe('image');
    expect(dataTypeOfHandleId('video-ref-0')).toBe('video');
    expect(dataTypeOfHandleId('whatever')).toBeUndefined();
  });
});
