// A large test canvas for the open-speed benchmark: nodes of four kinds in a 100-column grid
// (260 × 180 apart) with the edges that chain them (prompt → image → video, media → next image).
const KINDS = ['prompt', 'imageGenerator', 'videoGenerator', 'media'];
const DATA = {
  prompt: (i) => ({ text: `Prompt ${i}: a lighthouse in a storm, cinematic, 35mm` }),
  imageGenerator: () => ({ model: 'Flux 1.1 Pro', aspectRatio: '1:1' }),
  videoGenerator: () => ({ model: 'Veo 3', duration: 5 }),
  media: (i) => ({ kind: 'image', filename: `still-${i}.png` }),
};

/** How one kind connects into the next one in the chain: [sourceHandle, targetHandle], or null. */
function link(from, to) {
  if (from === 'prompt' && to === 'imageGenerator') return ['text', 'prompt'];
  if (from === 'imageGenerator' && to === 'videoGenerator') return ['image', 'image'];
  return null;
}

export function bigCanvas({ id = 'c-big', nodeCount = 2000, columns = 100, viewport } = {}) {
  const now = Date.now();
  const nodes = Array.from({ length: nodeCount }, (_, i) => {
    const type = KINDS[i % KINDS.length];
    return { id: `n${i}`, type, position: { x: (i % columns) * 260, y: Math.floor(i / columns) * 180 }, data: DATA[type](i), width: 220, height: 150 };
  });
  const edges = [];
  for (let i = 0; i + 1 < nodeCount; i++) {
    const handles = link(nodes[i].type, nodes[i + 1].type);
    if (handles) edges.push({ id: `e${i}`, source: nodes[i].id, sourceHandle: handles[0], target: nodes[i + 1].id, targetHandle: handles[1] });
    // Each media node feeds the next image generator as a reference.
    if (nodes[i].type === 'media' && i + 2 < nodeCount && nodes[i + 2].type === 'imageGenerator') {
      edges.push({ id: `r${i}`, source: nodes[i].id, sourceHandle: 'image', target: nodes[i + 2].id, targetHandle: 'reference' });
    }
  }
  return { id, name: `Big canvas (${nodeCount} nodes)`, createdAt: now, updatedAt: now, revision: 1, nodes, edges, ...(viewport ? { viewport } : {}) };
}
