import { describe, expect, it } from 'vitest';
import { validateCanvas } from '../storage/canvas-validation';
import { instantiateTemplate } from './instantiate';
import { BLANK_TEMPLATE_ID, filterTemplates, findTemplate, TEMPLATES } from './templates';

/** Koda web's 13 node types (docs/koda-web-format.md §2–§5). */
const KODA_WEB_TYPES = new Set([
  'text',
  'imageGenerator',
  'videoGenerator',
  'media',
  'stickyNote',
  'sticker',
  'group',
  'storyboard',
  'productShot',
  'musicGenerator',
  'speech',
  'videoAudio',
  'pluginNode',
]);

/** The target handles each type renders (§4), for the models the templates use. */
const TARGETS: Record<string, RegExp> = {
  imageGenerator: /^(text|reference)$/,
  videoGenerator: /^(text|reference|firstFrame|lastFrame)$/,
  storyboard: /^refImage_[0-7]$/,
  musicGenerator: /^text$/,
  speech: /^(text|audio)$/,
  videoAudio: /^(video|text|audio)$/,
};
/** What each output carries, and what each input wants. */
const OUTPUT_KIND: Record<string, string> = {
  text: 'text',
  media: 'image',
  imageGenerator: 'image',
  videoGenerator: 'video',
};
const INPUT_KIND: Record<string, string> = {
  text: 'text',
  reference: 'image',
  firstFrame: 'image',
  lastFrame: 'image',
  video: 'video',
  audio: 'audio',
};
const FIRST_LAST_MODELS = /flf$/;

/** Rough card sizes (§2) to check that group members lie on their frame. */
function sizeOf(node: { type: string; width?: number; height?: number; data: Record<string, unknown> }) {
  const data = node.data as { width?: number; height?: number };
  if (node.type === 'group' || node.type === 'text')
    return { width: node.width ?? data.width ?? 280, height: node.height ?? data.height ?? 120 };
  if (node.type === 'sticker') return { width: 100, height: 100 };
  if (node.type === 'stickyNote') return { width: 200, height: 150 };
  if (node.type === 'media') return { width: 280, height: 300 };
  return { width: 420, height: 440 };
}

describe('built-in templates', () => {
  it('are at least six, with unique ids, names and a description, blank first', () => {
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    expect(TEMPLATES[0].id).toBe(BLANK_TEMPLATE_ID);
    for (const id of [
      'product-variations',
      'storyboard-to-video',
      'mood-board',
      'character-sheet',
      'podcast-cover',
      'blank',
    ]) {
      expect(findTemplate(id), id).toBeDefined();
    }
    for (const template of TEMPLATES) {
      expect(template.name.trim(), template.id).not.toBe('');
      expect(template.description.length, template.id).toBeGreaterThan(20);
      expect(['starter', 'workflow', 'creative', 'showcase']).toContain(template.category);
      expect(template.readOnly, template.id).toBeUndefined();
    }
  });

  it('are valid canvases that the storage accepts', () => {
    for (const template of TEMPLATES) expect(() => validateCanvas(template), template.id).not.toThrow();
  });

  it('use only Koda web node types and handle ids', () => {
    for (const template of TEMPLATES) {
      const byId = new Map(template.nodes.map((n) => [n.id, n]));
      for (const node of template.nodes)
        expect(KODA_WEB_TYPES.has(node.type), `${template.id}/${node.id}: ${node.type}`).toBe(true);
      for (const edge of template.edges) {
        const source = byId.get(edge.source)!;
        const target = byId.get(edge.target)!;
        const where = `${template.id}/${edge.id}`;
        expect(edge.sourceHandle, where).toBe('output');
        expect(TARGETS[target.type], `${where}: ${target.type} takes no input`).toBeDefined();
        expect(edge.targetHandle, where).toMatch(TARGETS[target.type]);
        const wanted = edge.targetHandle!.startsWith('refImage_') ? 'image' : INPUT_KIND[edge.targetHandle!];
        expect(OUTPUT_KIND[source.type], `${where}: ${source.type} → ${edge.targetHandle}`).toBe(wanted);
        if (target.type === 'videoGenerator') {
          // First-last-frame models show firstFrame/lastFrame; single-image ones show reference.
          const flf = FIRST_LAST_MODELS.test(String(target.data.model));
          if (edge.targetHandle === 'reference') expect(flf, where).toBe(false);
          if (edge.targetHandle === 'firstFrame' || edge.targetHandle === 'lastFrame')
            expect(flf, where).toBe(true);
        }
      }
    }
  });

  it('give every storyboard reference a connected handle, as Koda web reads them', () => {
    for (const template of TEMPLATES) {
      for (const board of template.nodes.filter((n) => n.type === 'storyboard')) {
        const references = board.data.references as { handleId: string }[];
        for (const ref of references)
          expect(template.edges.some((e) => e.target === board.id && e.targetHandle === ref.handleId)).toBe(
            true,
          );
      }
    }
  });

  it('list group members in data.childNodeIds with absolute positions inside the frame', () => {
    for (const template of TEMPLATES) {
      const byId = new Map(template.nodes.map((n) => [n.id, n]));
      for (const group of template.nodes.filter((n) => n.type === 'group')) {
        const data = group.data as {
          name?: string;
          color?: string;
          width: number;
          height: number;
          childNodeIds: string[];
        };
        expect(data.name).toBeTruthy();
        expect(data.color).toMatch(/^#[0-9a-f]{6}$/);
        expect(group.width).toBe(data.width);
        expect(group.height).toBe(data.height);
        for (const childId of data.childNodeIds) {
          const child = byId.get(childId);
          expect(child, `${template.id}: ${childId}`).toBeDefined();
          expect((child as Record<string, unknown>).parentId).toBeUndefined();
          const size = sizeOf(child!);
          expect(child!.position.x, childId).toBeGreaterThanOrEqual(group.position.x);
          expect(child!.position.y, childId).toBeGreaterThanOrEqual(group.position.y);
          expect(child!.position.x + size.width, childId).toBeLessThanOrEqual(group.position.x + data.width);
          expect(child!.position.y + Math.min(size.height, 300), childId).toBeLessThanOrEqual(
            group.position.y + data.height,
          );
        }
      }
    }
  });

  it('are found by words of their name, description, category or tags', () => {
    expect(filterTemplates(TEMPLATES, 'storyboard').map((t) => t.id)).toContain('storyboard-to-video');
    expect(filterTemplates(TEMPLATES, 'CREATIVE').map((t) => t.id)).toEqual(
      expect.arrayContaining(['mood-board', 'character-sheet']),
    );
    expect(filterTemplates(TEMPLATES, 'podcast narration')).toHaveLength(1);
    expect(filterTemplates(TEMPLATES, 'zebra')).toHaveLength(0);
    expect(filterTemplates(TEMPLATES, '  ')).toHaveLength(TEMPLATES.length);
  });
});

describe('instantiateTemplate', () => {
  const template = findTemplate('product-variations')!;
  const identity = {
    id: 'canvas-new',
    name: 'Product variations 2',
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    revision: 1,
  };

  it('makes an ordinary canvas with the new identity and the template’s graph', () => {
    const showcase: typeof template = { ...template, readOnly: true };
    const canvas = instantiateTemplate(showcase, identity);
    expect(canvas).toMatchObject(identity);
    expect(canvas.nodes).toEqual(template.nodes);
    expect(canvas.edges).toEqual(template.edges);
    expect(canvas.readOnly).toBeUndefined();
    expect(canvas).not.toHaveProperty('category');
    expect(canvas).not.toHaveProperty('tags');
    expect(canvas).not.toHaveProperty('thumbnail');
    expect(canvas.viewport).toBeUndefined();
  });

  it('copies deeply: editing the canvas never touches the template', () => {
    const canvas = instantiateTemplate(template, identity);
    (canvas.nodes[0].data as { name: string }).name = 'changed';
    canvas.nodes[0].position.x = 9999;
    canvas.edges.pop();
    expect(template.nodes[0].data.name).not.toBe('changed');
    expect(template.nodes[0].position.x).not.toBe(9999);
    expect(instantiateTemplate(template, identity).edges).toHaveLength(template.edges.length);
  });
});
