// A large test canvas for the open-speed benchmark: Koda web nodes of eight kinds in a 100-column
// grid (260 × 180 apart) with the edges that chain them (text → image → video, media → next
// image, text → music and speech), in Koda web's handle ids.
const KINDS = [
  'text',
  'imageGenerator',
  'videoGenerator',
  'media',
  'imageGenerator',
  'musicGenerator',
  'speech',
  'stickyNote',
];
const DATA = {
  text: (i) => ({ content: `Prompt ${i}: a lighthouse in a storm, cinematic, 35mm` }),
  imageGenerator: (i) => ({ prompt: `Still ${i}`, model: 'nanobanana-2', aspectRatio: '16:9' }),
  videoGenerator: (i) => ({ prompt: `Shot ${i}`, model: 'veo-3.1-i2v', aspectRatio: '16:9', duration: 8 }),
  media: (i) => ({ type: 'image', name: `still-${i}.png` }),
  musicGenerator: (i) => ({ prompt: `Theme ${i}`, duration: 30, instrumental: true }),
  speech: (i) => ({ text: `Line ${i}`, voice: 'rachel', speed: 1 }),
  stickyNote: (i) => ({ content: `Note ${i}`, color: ['yellow', 'pink', 'blue'][i % 3] }),
};

/** How one kind connects into the next one in the chain: [sourceHandle, targetHandle], or null. */
function link(from, to) {
  if (from === 'text' && to === 'imageGenerator') return ['output', 'text'];
  if (from === 'imageGenerator' && to === 'videoGenerator') return ['output', 'reference'];
  if (from === 'media' && to === 'imageGenerator') return ['output', 'reference'];
  return null;
}

export function bigCanvas({ id = 'c-big', nodeCount = 2000, columns = 100, viewport } = {}) {
  const now = Date.now();
  const nodes = Array.from({ length: nodeCount }, (_, i) => {
    const type = KINDS[i % KINDS.length];
    return {
      id: `n${i}`,
      type,
      position: { x: (i % columns) * 260, y: Math.floor(i / columns) * 180 },
      data: DATA[type](i),
      width: 220,
      height: 150,
    };
  });
  const edges = [];
  for (let i = 0; i + 1 < nodeCount; i++) {
    const handles = link(nodes[i].type, nodes[i + 1].type);
    if (handles)
      edges.push({
        id: `e${i}`,
        source: nodes[i].id,
        sourceHandle: handles[0],
        target: nodes[i + 1].id,
        targetHandle: handles[1],
      });
    // Each text node also feeds the music and speech nodes of its group of eight.
    if (nodes[i].type === 'text') {
      for (const offset of [5, 6]) {
        if (i + offset < nodeCount)
          edges.push({
            id: `t${i}-${offset}`,
            source: nodes[i].id,
            sourceHandle: 'output',
            target: nodes[i + offset].id,
            targetHandle: 'text',
          });
      }
    }
  }
  return {
    id,
    name: `Big canvas (${nodeCount} nodes)`,
    createdAt: now,
    updatedAt: now,
    revision: 1,
    nodes,
    edges,
    ...(viewport ? { viewport } : {}),
  };
}
