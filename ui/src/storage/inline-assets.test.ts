import { describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { inlineAssets, referencedAssets } from './inline-assets';

const a = 'a'.repeat(64);
const b = 'b'.repeat(64);
const canvas = (nodes: StoredCanvas['nodes']): StoredCanvas => ({
  id: 'c',
  name: 'C',
  createdAt: 0,
  updatedAt: 0,
  revision: 1,
  nodes,
  edges: [],
});

describe('asset references in canvases', () => {
  it('finds every referenced file', () => {
    expect(
      referencedAssets(
        JSON.stringify({
          src: `koda-asset://${a}`,
          thumbnail: `koda-asset://${b.toUpperCase()}`,
          other: 'koda-asset://short',
        }),
      ),
    ).toEqual(new Set([a, b]));
  });

  it('inlines files this browser has and leaves the rest', async () => {
    const nodes = [
      {
        id: 'm1',
        type: 'media',
        position: { x: 0, y: 0 },
        data: { kind: 'image', src: `koda-asset://${a}`, extra: [`koda-asset://${a}`] },
      },
      {
        id: 'm2',
        type: 'media',
        position: { x: 0, y: 0 },
        data: { kind: 'video', src: `koda-asset://${b}` },
      },
    ];
    const [out] = await inlineAssets([canvas(nodes)], async (sha) =>
      sha === a ? { bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png' } : null,
    );
    expect(out.nodes[0].data).toEqual({
      kind: 'image',
      src: 'data:image/png;base64,AQID',
      extra: ['data:image/png;base64,AQID'],
    });
    expect(out.nodes[1].data.src).toBe(`koda-asset://${b}`);
    // The input is not changed.
    expect(nodes[0].data.src).toBe(`koda-asset://${a}`);
  });
});
