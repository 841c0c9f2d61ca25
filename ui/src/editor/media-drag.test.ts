import { describe, expect, it } from 'vitest';
import { outputFileStem } from '../generation/save-output';
import { estimateKey, incomingWiring } from './estimate-key';
import { MEDIA_DRAG_TYPE, mediaNodeData, readDraggedMedia, setDraggedMedia } from './media-drag';

function transfer(): DataTransfer {
  const data = new Map<string, string>();
  return {
    setData: (type: string, value: string) => void data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    effectAllowed: 'none',
  } as unknown as DataTransfer;
}

describe('dragging an output out of its node', () => {
  it('round-trips the output and makes media node data', () => {
    const t = transfer();
    setDraggedMedia(t, { url: 'koda-asset://abc', kind: 'video', name: 'Teaser 2' });
    expect(t.effectAllowed).toBe('copy');
    const media = readDraggedMedia(t)!;
    expect(media).toEqual({ url: 'koda-asset://abc', kind: 'video', name: 'Teaser 2' });
    expect(mediaNodeData(media)).toEqual({ url: 'koda-asset://abc', type: 'video', name: 'Teaser 2' });
  });

  it('ignores anything else', () => {
    const t = transfer();
    expect(readDraggedMedia(t)).toBeNull();
    t.setData(MEDIA_DRAG_TYPE, '{not json');
    expect(readDraggedMedia(t)).toBeNull();
    t.setData(MEDIA_DRAG_TYPE, JSON.stringify({ url: '', kind: 'image' }));
    expect(readDraggedMedia(t)).toBeNull();
    t.setData(MEDIA_DRAG_TYPE, JSON.stringify({ url: 'u', kind: 'weird' }));
    expect(readDraggedMedia(t)?.kind).toBe('image');
  });
});

describe('file names for saved outputs', () => {
  it('uses the node name without characters files cannot hold', () => {
    expect(outputFileStem('Key art', 'image', 1)).toBe('Key-art-2');
    expect(outputFileStem('a/b:c*?', 'image', 0)).toBe('a-b-c-1');
    expect(outputFileStem(undefined, 'video', 0)).toBe('koda-video-1');
    expect(outputFileStem('   ', 'audio', 2)).toBe('koda-audio-3');
  });
});

describe('what an estimate depends on', () => {
  it('changes with settings and inputs, not with outputs or status', () => {
    const base = estimateKey({ prompt: 'x', model: 'flux-pro', imageCount: 2 }, '', null);
    expect(
      estimateKey(
        {
          imageCount: 2,
          model: 'flux-pro',
          prompt: 'x',
          outputUrl: 'u',
          lastRunId: 'r',
          error: 'e',
          name: 'n',
          outputHistory: ['a'],
        },
        '',
        null,
      ),
    ).toBe(base);
    expect(estimateKey({ prompt: 'x', model: 'flux-pro', imageCount: 4 }, '', null)).not.toBe(base);
    expect(estimateKey({ prompt: 'x', model: 'flux-pro', imageCount: 2 }, 't:output>text', 'words')).not.toBe(
      base,
    );
  });

  it('indexes incoming edges once per edges array', () => {
    const edges = [
      { id: 'a', source: 't', target: 'g', sourceHandle: 'output', targetHandle: 'text' },
      { id: 'b', source: 'm', target: 'g', sourceHandle: 'output', targetHandle: 'reference' },
    ];
    expect(incomingWiring(edges, 'g')).toBe('m:output>reference,t:output>text');
    expect(incomingWiring(edges, 'x')).toBe('');
  });
});
