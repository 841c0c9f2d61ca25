import type { StoredCanvas } from '../bindings/StoredCanvas';
import blank from './data/blank.json';
import characterSheet from './data/character-sheet.json';
import moodBoard from './data/mood-board.json';
import podcastCover from './data/podcast-cover.json';
import productVariations from './data/product-variations.json';
import promptToVideo from './data/prompt-to-video.json';
import storyboardToVideo from './data/storyboard-to-video.json';

/** Koda web's template categories (`public/templates/*.json`). */
export type TemplateCategory = 'starter' | 'workflow' | 'creative' | 'showcase';

/**
 * A built-in template: a StoredCanvas in Koda web's node format (types, `data` fields and handle
 * ids as Koda web writes them, see docs/koda-web-format.md §4–§5) with the template fields Koda
 * web's template files carry. No timestamps: a canvas made from it gets its own.
 */
export type CanvasTemplate = StoredCanvas & { description: string; category: TemplateCategory };

export const CATEGORY_LABELS: Record<TemplateCategory, string> = {
  starter: 'Starter',
  workflow: 'Workflow',
  creative: 'Creative',
  showcase: 'Showcase',
};

/** In the order the gallery shows them: blank first, so Enter on an opened gallery keeps the old "New canvas". */
export const TEMPLATES: readonly CanvasTemplate[] = [
  blank,
  promptToVideo,
  productVariations,
  storyboardToVideo,
  moodBoard,
  characterSheet,
  podcastCover,
].map((raw) => raw as unknown as CanvasTemplate);

export const BLANK_TEMPLATE_ID = 'blank';

export function findTemplate(id: string): CanvasTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** Templates whose name, description, category or tags contain every word of `query`. */
export function filterTemplates(templates: readonly CanvasTemplate[], query: string): CanvasTemplate[] {
  const words = query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...templates];
  return templates.filter((t) => {
    const haystack = [t.name, t.description, CATEGORY_LABELS[t.category] ?? t.category, ...(t.tags ?? [])]
      .join(' ')
      .toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
