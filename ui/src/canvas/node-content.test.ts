import { describe, expect, it } from 'vitest';
import { kodaWebFixture } from './fixtures.test-util';
import {
  describeMediaUrl,
  imageOutputs,
  nodeWords,
  pluginOutput,
  productShots,
  storyboardScenes,
  summarizeData,
} from './node-content';

const showcase = kodaWebFixture('showcase');
const dataOf = (id: string) => showcase.nodes.find((n) => n.id === id)!.data;

describe('node content', () => {
  it('reads an image generator’s gallery, the current image first in doubt', () => {
    expect(imageOutputs(dataOf('lh_img_hero'))).toEqual({
      current: 'REMOTE:/img/lighthouse-1.png',
      all: ['REMOTE:/img/lighthouse-1.png', 'REMOTE:/img/lighthouse-2.png'],
    });
    expect(imageOutputs({ outputUrl: 'a', outputUrls: { not: 'an array' } })).toEqual({
      current: 'a',
      all: ['a'],
    });
    expect(imageOutputs({ outputUrls: ['b', 'c'] })).toEqual({ current: 'b', all: ['b', 'c'] });
    expect(imageOutputs({})).toEqual({ current: undefined, all: [] });
  });

  it('reads a storyboard’s active draft, or an older one’s result', () => {
    const { scenes, summary } = storyboardScenes(dataOf('lh_storyboard'));
    expect(scenes.map((s) => s.title)).toEqual(['Calm dusk', 'Storm front', 'The climb', 'The light holds']);
    expect(summary).toContain('keeper climbs');
    expect(storyboardScenes({ result: { scenes: [{ title: 'Old' }], summary: 's' } })).toMatchObject({
      scenes: [{ number: 1, title: 'Old' }],
      summary: 's',
    });
    expect(storyboardScenes({ drafts: 'nope', result: 5 })).toEqual({ scenes: [], summary: '' });
  });

  it('reads planned product shots', () => {
    const { shots } = productShots(dataOf('lh_product_lantern'));
    expect(shots.map((s) => [s.angleName, s.enabled])).toEqual([
      ['Hero three-quarter', true],
      ['Crest macro', true],
      ['Top down', false],
      ['In the fog', true],
    ]);
  });

  it('finds what a plugin made', () => {
    expect(pluginOutput({ state: { versions: [{ videoUrl: 'a' }, { videoUrl: 'b' }] } })).toEqual({
      video: 'b',
    });
    expect(pluginOutput({ state: { output: { videoUrl: 'o' }, preview: { videoUrl: 'p' } } })).toEqual({
      video: 'o',
    });
    expect(pluginOutput({ outputUrl: 'x.svg' })).toEqual({ video: undefined, image: 'x.svg' });
    expect(pluginOutput(dataOf('lh_plugin_titlecard'))).toEqual({ video: undefined });
  });

  it('has words for every showcase node', () => {
    for (const node of showcase.nodes)
      expect([node.id, nodeWords(node.type, node.data).length > 0 || node.type === 'media']).toEqual([
        node.id,
        true,
      ]);
    expect(
      nodeWords('speech', { mode: 'dialogue', dialogueLines: [{ text: 'Hi' }, { text: 'there' }] }),
    ).toBe('Hi there');
    expect(nodeWords('text', { content: 42 })).toBe('');
  });

  it('summarises unknown data without changing it', () => {
    expect(summarizeData(dataOf('lh_future_tideclock'), ['name'])).toEqual([
      { key: 'station', value: 'North Point' },
      { key: 'tides', value: '2 items' },
      { key: 'orbit', value: 'true' },
    ]);
    expect(summarizeData({ state: { a: 1, b: 2, c: 3, d: 4, e: 5 }, long: 'x'.repeat(100) })[0].value).toBe(
      '{ a, b, c, d, … }',
    );
  });

  it('captions media URLs', () => {
    expect(describeMediaUrl('https://cdn.test/img/lighthouse-1.png')).toBe('lighthouse-1.png · cdn.test');
    expect(describeMediaUrl('data:image/png;base64,AAA')).toBe('Embedded image/png');
    expect(describeMediaUrl(undefined)).toBe('');
  });
});
