import type { StoredCanvas } from '../bindings/StoredCanvas';

/** What the new canvas brings of its own: a fresh id, its name and times (from `createCanvas`). */
export type NewCanvasIdentity = Pick<StoredCanvas, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'revision'>;

/**
 * A new canvas made from a template, as Koda web makes one: the template's nodes and edges
 * (deep copies, node ids kept) under a new id, name and times. Template-only fields (category,
 * tags, description, `readOnly`, thumbnail) are not copied: the result is an ordinary canvas.
 */
export function instantiateTemplate(
  template: Pick<StoredCanvas, 'nodes' | 'edges'>,
  identity: NewCanvasIdentity,
): StoredCanvas {
  return {
    id: identity.id,
    name: identity.name,
    createdAt: identity.createdAt,
    updatedAt: identity.updatedAt,
    revision: identity.revision,
    nodes: structuredClone(template.nodes),
    edges: structuredClone(template.edges),
  };
}
