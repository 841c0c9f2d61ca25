import { describe, expect, it } from 'vitest';
import { kodaWebFixture } from './fixtures.test-util';
import { isLegacyCanvas, upgradeLegacyCanvas } from './legacy-upgrade';
import { IMAGE_MODELS, LEGACY_IMAGE_MODEL_IDS, LEGACY_VIDEO_MODEL_IDS, VIDEO_MODELS } from './models';

const node = (
  id: string,
  type: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({ id, type, position: { x: 0, y: 0 }, data, ...extra });

/** A canvas as the desktop app saved it before it used Koda web's node model. */
const legacy = {
  id: 'c',
  name: 'Old',
  viewport: { x: 1, y: 2, zoom: 1 },
  nodes: [
    node('p', 'prompt', { text: 'A lighthouse' }, { width: 280, parentId: 'g' }),
    node('i', 'imageGenerator', { model: 'Flux 1.1 Pro', aspectRatio: '1:1' }),
    node('v', 'videoGenerator', { model: 'Kling 2.1', duration: 5 }),
    node('m', 'media', { kind: 'video', src: 'koda-asset://abc', filename: 'clip.mp4' }),
    node('s', 'stickyNote', { text: 'Moodier', color: 'blue' }),
    node('g', 'group', { label: 'Heroes' }),
    node('x', 'imageGenerator', { model: 'Some Future Model' }),
  ],
  edges: [
    { id: 'e1', source: 'p', sourceHandle: 'text', target: 'i', targetHandle: 'prompt' },
    { id: 'e2', source: 'i', sourceHandle: 'image', target: 'v', targetHandle: 'image' },
    { id: 'e3', source: 'p', sourceHandle: 'text', target: 'v', targetHandle: 'prompt' },
    { id: 'e4', source: 'm', sourceHandle: 'video', target: 'x', targetHandle: 'reference' },
    { id: 'e5', source: 'v', sourceHandle: 'video', target: 'x', targetHandle: 'reference', label: 'kept' },
  ],
};

describe('upgradeLegacyCanvas', () => {
  it('maps the old desktop model to Koda web’s, field by field', () => {
    const before = JSON.stringify(legacy);
    const next = upgradeLegacyCanvas(legacy);
    expect(JSON.stringify(legacy)).toBe(before);
    expect(next.nodes).toEqual([
      node('p', 'text', { content: 'A lighthouse' }, { width: 280, parentId: 'g' }),
      node('i', 'imageGenerator', { model: 'flux-pro', aspectRatio: '1:1' }),
      node('v', 'videoGenerator', { model: 'kling-2.6-i2v', duration: 5 }),
      node('m', 'media', { type: 'video', url: 'koda-asset://abc', filename: 'clip.mp4' }),
      node('s', 'stickyNote', { content: 'Moodier', color: 'blue' }),
      node('g', 'group', { name: 'Heroes' }),
      node('x', 'imageGenerator', { model: 'Some Future Model' }),
    ]);
    expect(next.edges).toEqual([
      { id: 'e1', source: 'p', sourceHandle: 'output', target: 'i', targetHandle: 'text' },
      { id: 'e2', source: 'i', sourceHandle: 'output', target: 'v', targetHandle: 'firstFrame' },
      { id: 'e3', source: 'p', sourceHandle: 'output', target: 'v', targetHandle: 'text' },
      { id: 'e4', source: 'm', sourceHandle: 'output', target: 'x', targetHandle: 'reference' },
      {
        id: 'e5',
        source: 'v',
        sourceHandle: 'output',
        target: 'x',
        targetHandle: 'reference',
        label: 'kept',
      },
    ]);
    expect(next.viewport).toBe(legacy.viewport);
    expect(upgradeLegacyCanvas(next)).toBe(next);
  });

  it('maps every old model label, and only to ids the catalogs know', () => {
    expect(Object.keys(LEGACY_IMAGE_MODEL_IDS)).toEqual([
      'Flux 1.1 Pro',
      'Flux Schnell',
      'Stable Diffusion 3.5',
      'Imagen 4',
      'GPT Image 1',
      'Ideogram 3',
    ]);
    expect(Object.keys(LEGACY_VIDEO_MODEL_IDS)).toEqual([
      'Veo 3',
      'Kling 2.1',
      'Runway Gen-4',
      'Luma Ray 2',
      'Hailuo 02',
    ]);
    for (const id of Object.values(LEGACY_IMAGE_MODEL_IDS))
      expect(IMAGE_MODELS.some((m) => m.id === id)).toBe(true);
    for (const id of Object.values(LEGACY_VIDEO_MODEL_IDS))
      expect(VIDEO_MODELS.some((m) => m.id === id)).toBe(true);
  });

  it('recognises a canvas of generators only by its old labels or handle ids', () => {
    expect(isLegacyCanvas({ nodes: [node('i', 'imageGenerator', { model: 'Ideogram 3' })] })).toBe(true);
    const wired = {
      nodes: [node('a', 'imageGenerator', { model: 'auto' }), node('b', 'videoGenerator', { model: 'auto' })],
      edges: [{ source: 'a', sourceHandle: 'image', target: 'b', targetHandle: 'reference' }],
    };
    expect(isLegacyCanvas(wired)).toBe(true);
  });

  it('leaves Koda web canvases exactly as they are, templates’ `image`/`text` sources included', () => {
    const showcase = kodaWebFixture('showcase');
    expect(isLegacyCanvas(showcase)).toBe(false);
    expect(upgradeLegacyCanvas(showcase)).toBe(showcase);
    const template = {
      nodes: [
        node('t', 'text', { content: 'x' }),
        node('m', 'media', { url: '/templates/a.jpg', type: 'image' }),
        node('i', 'imageGenerator', { prompt: '' }),
      ],
      edges: [
        { source: 't', sourceHandle: 'text', target: 'i', targetHandle: 'text' },
        { source: 'm', sourceHandle: 'image', target: 'i', targetHandle: 'reference' },
      ],
    };
    expect(upgradeLegacyCanvas(template)).toBe(template);
    expect(upgradeLegacyCanvas(kodaWebFixture('bad-types')).nodes[0].data).toEqual({ content: ['x'] });
  });
});
