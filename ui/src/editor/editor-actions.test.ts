import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import { resetEditorModuleState, useEditor } from './editor-store';

const base: StoredCanvas = {
  id: 'c',
  name: 'Showcase',
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
  nodes: [
    {
      id: 'g',
      type: 'group',
      position: { x: -40, y: -60 },
      width: 600,
      height: 400,
      data: { name: 'Refs', width: 600, height: 400, childNodeIds: ['t'] },
    },
    { id: 't', type: 'text', position: { x: 0, y: 0 }, data: { content: 'brief' } },
    {
      id: 'i',
      type: 'imageGenerator',
      position: { x: 700, y: 0 },
      data: { prompt: '', model: 'nanobanana-2' },
    },
  ],
  edges: [{ id: 'e', source: 't', sourceHandle: 'output', target: 'i', targetHandle: 'text' }],
};
const rects: Record<string, { x: number; y: number; width: number; height: number }> = {
  t: { x: 0, y: 0, width: 280, height: 120 },
  i: { x: 700, y: 0, width: 420, height: 440 },
};
const rectOf = (id: string) => rects[id] ?? null;

let persisted: string[];
function open(canvas: StoredCanvas) {
  resetEditorModuleState();
  persisted = [];
  useEditor.getState().load(canvas);
  useEditor.setState({ onPersist: (kind) => persisted.push(kind) });
}
const ids = () => useEditor.getState().nodes.map((n) => n.id);

describe('read-only canvases', () => {
  beforeEach(() => open({ ...base, readOnly: true }));

  it('open read-only and refuse every edit, saving nothing', () => {
    const editor = useEditor.getState();
    expect(editor.readOnly).toBe(true);
    const before = editor.nodes;
    expect(editor.addNode('stickyNote', { x: 0, y: 0 })).toBe('');
    editor.updateNodeData('t', { content: 'changed' });
    editor.deleteElements(['t']);
    editor.deleteElements([], ['e']);
    expect(editor.connect({ source: 't', sourceHandle: 'output', target: 'i', targetHandle: 'text' })).toBe(
      false,
    );
    editor.rename('Mine now');
    editor.group(['t', 'i'], rectOf);
    editor.ungroup(['g']);
    editor.setGroup('i', 'g');
    editor.copy(['t']);
    editor.paste();
    editor.duplicate(['t']);
    expect(useEditor.getState().nodes).toBe(before);
    expect(useEditor.getState().edges).toHaveLength(1);
    expect(useEditor.getState().name).toBe('Showcase');
    expect(useEditor.getState().canUndo).toBe(false);
    expect(persisted).toEqual([]);
  });

  it('can still be selected, measured and looked around, without saving', () => {
    const editor = useEditor.getState();
    editor.onNodesChange([
      { type: 'select', id: 't', selected: true },
      { type: 'position', id: 't', position: { x: 500, y: 500 }, dragging: true },
      { type: 'dimensions', id: 'i', dimensions: { width: 999, height: 999 }, setAttributes: true },
      { type: 'remove', id: 'i' },
    ]);
    const nodes = useEditor.getState().nodes;
    expect(nodes.find((n) => n.id === 't')).toMatchObject({ selected: true, position: { x: 0, y: 0 } });
    expect(nodes.find((n) => n.id === 'i')!.width).toBeUndefined();
    expect(ids()).toContain('i');
    editor.onEdgesChange([{ type: 'remove', id: 'e' }]);
    expect(useEditor.getState().edges).toHaveLength(1);
    editor.setViewport({ x: 10, y: 10, zoom: 0.5 });
    expect(useEditor.getState().viewport).toEqual({ x: 10, y: 10, zoom: 0.5 });
    expect(persisted).toEqual([]);
  });

  it('cut only copies', () => {
    expect(useEditor.getState().cut(['t'])).toBe(1);
    expect(ids()).toContain('t');
  });

  it('becomes editable again when the stored canvas loses readOnly', () => {
    useEditor.getState().replaceFromStorage({ ...base, revision: 2 });
    expect(useEditor.getState().readOnly).toBe(false);
  });
});

describe('cut, group and ungroup', () => {
  beforeEach(() => open(base));

  it('cut copies, deletes in one undo step, and pastes back', () => {
    const editor = useEditor.getState();
    expect(editor.cut(['i'])).toBe(1);
    expect(ids()).toEqual(['g', 't']);
    expect(useEditor.getState().edges).toHaveLength(0);
    expect(persisted).toEqual(['structure']);
    useEditor.getState().paste();
    expect(useEditor.getState().nodes).toHaveLength(3);
    useEditor.getState().undo();
    useEditor.getState().undo();
    expect(ids()).toEqual(['g', 't', 'i']);
    expect(useEditor.getState().edges).toHaveLength(1);
  });

  it('groups into a Koda web group (childNodeIds, absolute positions) and ungroups', () => {
    const groupId = useEditor.getState().group(['i'], rectOf)!;
    let nodes = useEditor.getState().nodes;
    expect(nodes[0]).toMatchObject({ id: groupId, type: 'group', data: { childNodeIds: ['i'] } });
    expect(nodes.find((n) => n.id === 'i')!.position).toEqual({ x: 700, y: 0 });
    expect(nodes.some((n) => 'parentId' in n)).toBe(false);
    useEditor.getState().ungroup([groupId]);
    nodes = useEditor.getState().nodes;
    expect(nodes.some((n) => n.id === groupId)).toBe(false);
    expect(nodes.find((n) => n.id === 'i')).toMatchObject({ position: { x: 700, y: 0 }, selected: true });
    expect(persisted).toEqual(['structure', 'structure']);
  });

  it('moves members with their group, and deletes them with it', () => {
    useEditor
      .getState()
      .onNodesChange([{ type: 'position', id: 'g', position: { x: 0, y: 0 }, dragging: true }]);
    expect(useEditor.getState().nodes.find((n) => n.id === 't')!.position).toEqual({ x: 40, y: 60 });
    useEditor.getState().deleteElements(['g']);
    expect(ids()).toEqual(['i']);
  });

  it('drops a deleted member from its group’s list', () => {
    useEditor.getState().deleteElements(['t']);
    expect(useEditor.getState().nodes.find((n) => n.id === 'g')!.data.childNodeIds).toEqual([]);
  });

  it('takes a node out of its group', () => {
    useEditor.getState().setGroup('t', null);
    expect(useEditor.getState().nodes.find((n) => n.id === 'g')!.data.childNodeIds).toEqual([]);
  });
});
