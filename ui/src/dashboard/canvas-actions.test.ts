import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalStorageProvider } from '../storage/local-storage-provider';
import { findTemplate } from '../templates/templates';
import { canvasActions } from './canvas-actions';
import { useLibrary } from './library-store';

let provider: LocalStorageProvider;
let ids: number;

beforeEach(() => {
  localStorage.clear();
  window.location.hash = '#/';
  ids = 0;
  provider = new LocalStorageProvider({ storage: localStorage, makeId: () => `canvas-${++ids}` });
  useLibrary.setState({ canvases: [], trash: [], loaded: true, error: null });
});

describe('createFromTemplate', () => {
  it('makes a new canvas holding the template’s nodes and edges, and opens it', async () => {
    const template = findTemplate('storyboard-to-video')!;
    await expect(canvasActions(provider).createFromTemplate(template)).resolves.toBe(true);
    const [canvas] = await provider.exportAll();
    expect(canvas.id).toBe('canvas-1');
    expect(canvas.name).toBe('Storyboard to video');
    expect(canvas.nodes).toEqual(template.nodes);
    expect(canvas.edges).toEqual(template.edges);
    expect(canvas.createdAt).toBeGreaterThan(0);
    expect(canvas.readOnly).toBeUndefined();
    expect(window.location.hash).toBe('#/canvas/canvas-1');
    // A second one gets a name of its own.
    await canvasActions(provider).createFromTemplate(template);
    expect((await provider.listCanvases()).map((c) => c.name).sort()).toEqual([
      'Storyboard to video',
      'Storyboard to video 2',
    ]);
  });

  it('makes an empty “Untitled canvas” from Blank', async () => {
    await canvasActions(provider).createFromTemplate(findTemplate('blank')!);
    const [canvas] = await provider.exportAll();
    expect(canvas).toMatchObject({ name: 'Untitled canvas', nodes: [], edges: [] });
  });

  it('leaves nothing behind when the template cannot be saved', async () => {
    vi.spyOn(provider, 'saveCanvas').mockRejectedValue({ code: 'io', message: 'disk full' });
    await expect(canvasActions(provider).createFromTemplate(findTemplate('mood-board')!)).resolves.toBe(
      false,
    );
    expect(await provider.listCanvases()).toEqual([]);
    expect(window.location.hash).toBe('#/');
  });
});

describe('duplicateAndOpen', () => {
  it('turns a read-only showcase into an editable copy and opens it; the original stays read-only', async () => {
    await provider.importCanvases([
      {
        id: 'showcase',
        name: 'Showcase',
        createdAt: 1,
        updatedAt: 1,
        revision: 0,
        readOnly: true,
        category: 'showcase',
        nodes: [],
        edges: [],
      },
    ]);
    await expect(canvasActions(provider).duplicateAndOpen('showcase')).resolves.toBe(true);
    const all = await provider.exportAll();
    const copy = all.find((c) => c.id !== 'showcase')!;
    expect(copy.readOnly).toBeUndefined();
    expect(copy.category).toBe('showcase');
    expect(all.find((c) => c.id === 'showcase')!.readOnly).toBe(true);
    expect(window.location.hash).toBe(`#/canvas/${copy.id}`);
  });
});
