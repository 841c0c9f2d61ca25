import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { resetEditorModuleState, useEditor } from './editor-store';

const canvas: StoredCanvas = {
  id: 'c',
  name: 'Test',
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
  nodes: [
    { id: 'p', type: 'text', position: { x: 0, y: 0 }, data: { content: '' } },
    { id: 'i', type: 'imageGenerator', position: { x: 400, y: 0 }, data: {} },
  ],
  edges: [],
};

let persisted: string[];

beforeEach(() => {
  resetEditorModuleState();
  persisted = [];
  useEditor.getState().load(canvas);
  useEditor.setState({ onPersist: (kind) => persisted.push(kind) });
});

describe('editor store', () => {
  it('connects only valid pairs and asks for a save', () => {
    const { connect } = useEditor.getState();
    expect(connect({ source: 'p', sourceHandle: 'output', target: 'i', targetHandle: 'reference' })).toBe(
      false,
    );
    expect(persisted).toEqual([]);
    expect(connect({ source: 'p', sourceHandle: 'output', target: 'i', targetHandle: 'text' })).toBe(true);
    expect(useEditor.getState().edges).toHaveLength(1);
    expect(persisted).toEqual(['structure']);
  });

  it('adds nodes with Koda web factory data and no size of their own', () => {
    const id = useEditor.getState().addNode('videoGenerator', { x: 10.4, y: 20.6 });
    const node = useEditor.getState().nodes.find((n) => n.id === id)!;
    expect(node).toMatchObject({
      type: 'videoGenerator',
      position: { x: 10, y: 21 },
      data: { prompt: '', model: 'veo-3.1-fast-i2v', duration: 8 },
    });
    expect(node.width).toBeUndefined();
    useEditor.setState({ modelDefaults: { imageModel: 'Imagen 4' } });
    const image = useEditor.getState().addNode('imageGenerator', { x: 0, y: 0 });
    // A default chosen in settings before the move to Koda web's ids is read as its id.
    expect(useEditor.getState().nodes.find((n) => n.id === image)?.data.model).toBe('nanobanana-pro');
  });

  it('undoes and redoes additions', () => {
    useEditor.getState().addNode('stickyNote', { x: 10, y: 10 });
    expect(useEditor.getState().nodes).toHaveLength(3);
    expect(useEditor.getState().canUndo).toBe(true);
    useEditor.getState().undo();
    expect(useEditor.getState().nodes).toHaveLength(2);
    useEditor.getState().redo();
    expect(useEditor.getState().nodes.map((n) => n.type)).toContain('stickyNote');
  });

  it('treats a run of typing as one undo step, saved with the typing delay', () => {
    const { updateNodeData } = useEditor.getState();
    for (const content of ['a', 'ab', 'abc'])
      updateNodeData('p', { content }, { typing: true, coalesceKey: 'content:p' });
    expect(persisted).toEqual(['typing', 'typing', 'typing']);
    useEditor.getState().undo();
    expect(useEditor.getState().nodes.find((n) => n.id === 'p')?.data.content).toBe('');
  });

  it('deletes nodes with their edges, and a group with its children', () => {
    const store = useEditor.getState();
    store.connect({ source: 'p', sourceHandle: 'output', target: 'i', targetHandle: 'text' });
    const group = store.addNode('group', { x: 0, y: 0 });
    useEditor.getState().updateNode('i', { parentId: group });
    useEditor.getState().deleteElements([group]);
    const after = useEditor.getState();
    expect(after.nodes.map((n) => n.id)).toEqual(['p']);
    expect(after.edges).toEqual([]);
  });

  it('pastes copies with an offset that grows on each paste', () => {
    const store = useEditor.getState();
    expect(store.copy(['p'])).toBe(1);
    store.paste();
    store.paste();
    const prompts = useEditor.getState().nodes.filter((n) => n.type === 'text');
    expect(prompts.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 32, y: 32 },
      { x: 64, y: 64 },
    ]);
  });

  it('records a drag as one step only when something moved', () => {
    const store = useEditor.getState();
    store.beginGesture();
    store.endGesture();
    expect(useEditor.getState().canUndo).toBe(false);
    store.beginGesture();
    useEditor.setState({
      nodes: useEditor.getState().nodes.map((n) => (n.id === 'p' ? { ...n, position: { x: 99, y: 0 } } : n)),
    });
    store.endGesture();
    expect(useEditor.getState().canUndo).toBe(true);
    useEditor.getState().undo();
    expect(useEditor.getState().nodes.find((n) => n.id === 'p')?.position.x).toBe(0);
  });

  it('does not ask for a save on selection changes', () => {
    const spy = vi.fn();
    useEditor.setState({ onPersist: spy });
    useEditor.getState().onNodesChange([{ id: 'p', type: 'select', selected: true }]);
    expect(spy).not.toHaveBeenCalled();
    useEditor.getState().onNodesChange([{ id: 'p', type: 'position', position: { x: 5, y: 5 } }]);
    expect(spy).toHaveBeenCalledWith('structure');
  });
});
