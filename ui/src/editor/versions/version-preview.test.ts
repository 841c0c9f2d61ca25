import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredCanvas } from '../../bindings/StoredCanvas';
import type { VersionInfo } from '../../bindings/VersionInfo';
import { resetEditorModuleState, useEditor } from '../editor-store';
import {
  behindPreview,
  canvasBehindPreview,
  dropPreview,
  isPreviewing,
  showCurrent,
  showVersion,
} from './version-preview';

const text = (id: string, content: string) => ({
  id,
  type: 'text',
  position: { x: 0, y: 0 },
  data: { content },
});
const current: StoredCanvas = {
  id: 'c',
  name: 'Board',
  createdAt: 1,
  updatedAt: 2,
  revision: 7,
  nodes: [text('a', 'harbour'), text('b', 'keeper')],
  edges: [],
};
const old: StoredCanvas = { ...current, revision: 3, nodes: [text('a', 'lighthouse')], edges: [] };
const info: VersionInfo = {
  id: 11,
  canvasId: 'c',
  at: 1,
  source: 'edit',
  revision: 3,
  name: 'Board',
  nodeCount: 1,
};
const words = () => useEditor.getState().nodes.map((n) => n.data.content);

let persisted: string[];

beforeEach(() => {
  resetEditorModuleState();
  dropPreview();
  persisted = [];
  useEditor.getState().load(current);
  useEditor.setState({ onPersist: (kind) => persisted.push(kind) });
});

describe('a version shown on the canvas', () => {
  it('is drawn read-only while the canvas is kept aside for the autosave', () => {
    useEditor.getState().updateNodeData('b', { content: 'keeper!' });
    showVersion(info, old);
    expect(isPreviewing()).toBe(true);
    expect(words()).toEqual(['lighthouse']);
    expect(useEditor.getState().readOnly).toBe(true);
    // What the autosave and thumbnails read: the canvas, never the version.
    expect(canvasBehindPreview()?.nodes.map((n) => n.data.content)).toEqual(['harbour', 'keeper!']);
  });

  it('refuses every edit, undo included, and asks for no save', () => {
    useEditor.getState().updateNodeData('b', { content: 'keeper!' });
    persisted = [];
    showVersion(info, old);
    const editor = useEditor.getState();
    editor.updateNodeData('a', { content: 'typed into the version' });
    editor.deleteElements(['a']);
    editor.addNode('text', { x: 0, y: 0 });
    editor.undo();
    editor.redo();
    editor.rename('Other');
    editor.setViewport({ x: 5, y: 5, zoom: 2 });
    expect(words()).toEqual(['lighthouse']);
    expect(persisted).toEqual([]);
    // Selecting is allowed (to restore one node).
    editor.onNodesChange([{ type: 'select', id: 'a', selected: true }]);
    expect(useEditor.getState().nodes[0].selected).toBe(true);
  });

  it('puts the canvas back, with its undo history', () => {
    useEditor.getState().updateNodeData('b', { content: 'keeper!' });
    showVersion(info, old);
    showVersion({ ...info, id: 12 }, { ...old, nodes: [text('z', 'older')] });
    showCurrent();
    expect(isPreviewing()).toBe(false);
    expect(words()).toEqual(['harbour', 'keeper!']);
    expect(useEditor.getState().readOnly).toBe(false);
    expect(useEditor.getState().canUndo).toBe(true);
    useEditor.getState().undo();
    expect(words()).toEqual(['harbour', 'keeper']);
  });

  it('lets storage update the canvas behind it, then shows the version again with its selection', () => {
    showVersion(info, old, ['a']);
    behindPreview(() => {
      expect(words()).toEqual(['harbour', 'keeper']);
      useEditor.getState().replaceFromStorage({ ...current, nodes: [text('a', 'synced')] });
    });
    expect(words()).toEqual(['lighthouse']);
    expect(useEditor.getState().nodes[0].selected).toBe(true);
    expect(canvasBehindPreview()?.nodes.map((n) => n.data.content)).toEqual(['synced']);
    showCurrent();
    expect(words()).toEqual(['synced']);
  });

  it('never hands one canvas’s stash to another', () => {
    showVersion(info, old);
    useEditor.getState().load({ ...current, id: 'other' });
    expect(canvasBehindPreview()).toBeNull();
    showCurrent();
    expect(useEditor.getState().canvasId).toBe('other');
    expect(words()).toEqual(['harbour', 'keeper']);
  });
});
