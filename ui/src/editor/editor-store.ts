import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import type { StoredCanvas } from '../bindings/StoredCanvas';
import type { Viewport } from '../bindings/Viewport';
import { newId } from '../storage/ids';
import type { ChangeKind } from './autosave';
import { copySelection, pasteClipboard, type ClipboardContent } from './clipboard';
import { checkConnection } from './connection-rules';
import { History } from './history';
import { defaultData, type ModelDefaults, type NodeKind } from '../canvas/node-specs';
import {
  absolutePositionIn,
  groupNodes,
  groupsToDissolve,
  setOwner,
  ungroupNodes,
  withMembers,
  withMembersMoved,
  withoutMissingMembers,
  type Rect,
  type RectOf,
} from './groups';
import type { EditorGraph } from './rebase';
import {
  fromStoredEdge,
  fromStoredNode,
  orderForReactFlow,
  sameStoredGraph,
  type KodaEdge,
  type KodaNode,
} from './persisted';

/** What one undo step restores. */
export interface EditorSnapshot {
  nodes: KodaNode[];
  edges: KodaEdge[];
}

/** Copied nodes live for the session, so they can be pasted into another canvas too. */
let clipboard: ClipboardContent | null = null;
let pasteCount = 0;

const history = new History<EditorSnapshot>({ limit: 100 });

interface EditorState {
  canvasId: string | null;
  name: string;
  nodes: KodaNode[];
  edges: KodaEdge[];
  viewport?: Viewport;
  canUndo: boolean;
  canRedo: boolean;
  /** Called after every change that must be saved; the editor wires it to the autosave queue. */
  onPersist: (kind: ChangeKind) => void;
  /**
   * Saves pending changes now (the open canvas's autosave flush): generation reads the canvas as
   * stored, so it is called before an estimate or a run. Resolves at once when nothing is open.
   */
  saveNow: () => Promise<void>;
  /** Whether the keyboard shortcuts sheet is open. */
  shortcutsOpen: boolean;
  setShortcutsOpen: (open: boolean) => void;
  /** Model defaults for new generator nodes, from settings. */
  modelDefaults: ModelDefaults;
  /** The part of the canvas on screen, in flow coordinates (set by the canvas; null before it shows). */
  currentView: () => Rect | null;
  /**
   * A read-only canvas (`readOnly: true`, like Koda web's showcase templates): it can be looked
   * at, selected and copied, but nothing changes and nothing is saved. Edited through a copy.
   */
  readOnly: boolean;

  load: (canvas: StoredCanvas) => void;
  /**
   * Shows a newer stored canvas (conflict or outside change), as `graph` when given (the stored
   * canvas with unsaved edits re-applied, see `rebase`); history restarts.
   */
  replaceFromStorage: (canvas: StoredCanvas, graph?: EditorGraph) => void;
  onNodesChange: (changes: NodeChange<KodaNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<KodaEdge>[]) => void;
  connect: (connection: Connection) => boolean;
  addNode: (kind: NodeKind, position: { x: number; y: number }, data?: Record<string, unknown>) => string;
  updateNodeData: (
    id: string,
    change: Record<string, unknown>,
    options?: { coalesceKey?: string; typing?: boolean },
  ) => void;
  updateNode: (id: string, change: Partial<KodaNode>) => void;
  deleteSelection: () => void;
  deleteElements: (nodeIds: string[], edgeIds?: string[]) => void;
  duplicate: (nodeIds: string[]) => void;
  copy: (nodeIds: string[]) => number;
  /** Copy, then delete (one undo step). On a read-only canvas it only copies. */
  cut: (nodeIds: string[]) => number;
  paste: () => number;
  /** ⌘G: frames the nodes in a new group (members in `data.childNodeIds`); returns its id. */
  group: (nodeIds: string[], rectOf: RectOf) => string | null;
  /** ⇧⌘G: dissolves the selected groups (or those of the selected nodes), keeping their contents. */
  ungroup: (nodeIds: string[]) => void;
  /** Moves one node into a group, or out of every group (null). */
  setGroup: (nodeId: string, groupId: string | null) => void;
  selectAll: () => void;
  clearSelection: () => void;
  undo: () => void;
  redo: () => void;
  /** Called at the start of a drag or resize, and at its end with the nodes' final state. */
  beginGesture: () => void;
  endGesture: (update?: (nodes: KodaNode[]) => KodaNode[]) => void;
  /** Ends a run of typing, so the next keystroke starts a new undo step. */
  sealHistory: () => void;
  setViewport: (viewport: Viewport) => void;
  rename: (name: string) => void;
  setNodes: (nodes: KodaNode[]) => void;
}

let gestureStart: EditorSnapshot | null = null;

function isPersistableNodeChange(change: NodeChange<KodaNode>): boolean {
  switch (change.type) {
    case 'select':
      return false;
    case 'dimensions':
      // Measurements are not edits; only the resizer sets attributes.
      return Boolean(change.setAttributes);
    case 'position':
      return change.position !== undefined;
    default:
      return true;
  }
}

export const useEditor = create<EditorState>((set, get) => {
  const snapshot = (): EditorSnapshot => ({ nodes: get().nodes, edges: get().edges });
  const syncHistoryFlags = () => set({ canUndo: history.canUndo, canRedo: history.canRedo });
  /** Records the present as an undo step, then applies the change and asks for a save. */
  const commit = (next: Partial<EditorSnapshot>, kind: ChangeKind = 'structure', coalesceKey?: string) => {
    // Nothing on a read-only canvas changes: adds, edits, deletions, pastes are all refused here.
    if (get().readOnly) return;
    history.record(snapshot(), coalesceKey);
    set(next);
    syncHistoryFlags();
    get().onPersist(kind);
  };
  const selectedIds = () =>
    get()
      .nodes.filter((n) => n.selected)
      .map((n) => n.id);

  return {
    canvasId: null,
    name: '',
    nodes: [],
    edges: [],
    viewport: undefined,
    canUndo: false,
    canRedo: false,
    onPersist: () => {},
    saveNow: () => Promise.resolve(),
    shortcutsOpen: false,
    setShortcutsOpen: (open) => set({ shortcutsOpen: open }),
    modelDefaults: {},
    currentView: () => null,
    readOnly: false,

    load: (canvas) => {
      history.clear();
      gestureStart = null;
      pasteCount = 0;
      set({
        canvasId: canvas.id,
        name: canvas.name,
        nodes: orderForReactFlow(canvas.nodes.map(fromStoredNode)),
        edges: canvas.edges.map(fromStoredEdge),
        viewport: canvas.viewport,
        canUndo: false,
        canRedo: false,
        readOnly: canvas.readOnly === true,
      });
    },

    replaceFromStorage: (canvas, graph) => {
      history.clear();
      gestureStart = null;
      set({
        name: graph?.name ?? canvas.name,
        nodes: graph?.nodes ?? orderForReactFlow(canvas.nodes.map(fromStoredNode)),
        edges: graph?.edges ?? canvas.edges.map(fromStoredEdge),
        viewport: graph?.viewport ?? canvas.viewport ?? get().viewport,
        canUndo: false,
        canRedo: false,
        readOnly: canvas.readOnly === true,
      });
    },

    onNodesChange: (changes) => {
      // Removals go through deleteElements so they can be undone; a read-only canvas only
      // selects and measures.
      const allowed = get().readOnly
        ? changes.filter((c) => c.type === 'select' || (c.type === 'dimensions' && !c.setAttributes))
        : changes.filter((c) => c.type !== 'remove');
      if (allowed.length === 0) return;
      // A group's members (data.childNodeIds) move with it.
      const applicable = withMembersMoved(allowed, get().nodes);
      set({ nodes: applyNodeChanges(applicable, get().nodes) });
      if (applicable.some(isPersistableNodeChange)) get().onPersist('structure');
    },

    onEdgesChange: (changes) => {
      const applicable = changes.filter((c) => (get().readOnly ? c.type === 'select' : c.type !== 'remove'));
      if (applicable.length === 0) return;
      set({ edges: applyEdgeChanges(applicable, get().edges) });
      if (applicable.some((c) => c.type !== 'select')) get().onPersist('structure');
    },

    connect: (connection) => {
      if (get().readOnly) return false;
      const verdict = checkConnection(connection, get().nodes, get().edges);
      if (!verdict.ok) return false;
      const edge: KodaEdge = {
        id: newId(),
        source: connection.source,
        target: connection.target,
        sourceHandle: connection.sourceHandle ?? undefined,
        targetHandle: connection.targetHandle ?? undefined,
      };
      commit({ edges: [...get().edges, edge] });
      return true;
    },

    addNode: (kind, position, data) => {
      if (get().readOnly) return '';
      // Like Koda web, no size of its own: it is drawn at its type's natural size (see EditorCanvas).
      const node: KodaNode = {
        id: newId(),
        type: kind,
        position: { x: Math.round(position.x), y: Math.round(position.y) },
        data: { ...defaultData(kind, get().modelDefaults), ...data },
        selected: true,
      };
      const others = get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
      // Groups are backdrops: drawn first so they never cover other nodes.
      commit({ nodes: kind === 'group' ? [node, ...others] : [...others, node] });
      return node.id;
    },

    updateNodeData: (id, change, options = {}) => {
      const nodes = get().nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...change } } : n));
      commit({ nodes }, options.typing ? 'typing' : 'structure', options.coalesceKey);
    },

    updateNode: (id, change) => {
      commit({ nodes: get().nodes.map((n) => (n.id === id ? { ...n, ...change } : n)) });
    },

    deleteSelection: () => {
      const nodeIds = selectedIds();
      const edgeIds = get()
        .edges.filter((e) => e.selected)
        .map((e) => e.id);
      if (nodeIds.length || edgeIds.length) get().deleteElements(nodeIds, edgeIds);
    },

    deleteElements: (nodeIds, edgeIds = []) => {
      // Deleting a group deletes what is inside it.
      const doomed = withMembers(get().nodes, nodeIds);
      const deadEdges = new Set(edgeIds);
      commit({
        nodes: withoutMissingMembers(get().nodes.filter((n) => !doomed.has(n.id))),
        edges: get().edges.filter(
          (e) => !deadEdges.has(e.id) && !doomed.has(e.source) && !doomed.has(e.target),
        ),
      });
    },

    duplicate: (nodeIds) => {
      if (nodeIds.length === 0) return;
      const content = copySelection(get().nodes, get().edges, new Set(nodeIds));
      const copies = pasteClipboard(content, { x: 40, y: 40 }, newId, absolutePositionIn(get().nodes));
      insertCopies(copies);
    },

    copy: (nodeIds) => {
      if (nodeIds.length === 0) return 0;
      clipboard = copySelection(get().nodes, get().edges, new Set(nodeIds));
      pasteCount = 0;
      // Remember absolute positions: the parents may not be copied.
      const absolute = absolutePositionIn(get().nodes);
      const copied = new Set(clipboard.nodes.map((n) => n.id));
      clipboard = {
        ...clipboard,
        nodes: clipboard.nodes.map((n) =>
          n.parentId && !copied.has(n.parentId) ? { ...n, position: absolute(n) } : n,
        ),
      };
      return clipboard.nodes.length;
    },

    cut: (nodeIds) => {
      const copied = get().copy(nodeIds);
      if (copied > 0 && !get().readOnly) get().deleteElements(nodeIds);
      return copied;
    },

    group: (nodeIds, rectOf) => {
      if (get().readOnly) return null;
      const result = groupNodes(get().nodes, nodeIds, rectOf, newId);
      if (!result) return null;
      commit({ nodes: result.nodes });
      return result.groupId;
    },

    ungroup: (nodeIds) => {
      const groups = groupsToDissolve(get().nodes, nodeIds);
      if (groups.length === 0) return;
      const nodes = ungroupNodes(get().nodes, groups);
      if (nodes !== get().nodes) commit({ nodes });
    },

    setGroup: (nodeId, groupId) => {
      const nodes = setOwner(get().nodes, nodeId, groupId);
      if (nodes !== get().nodes) commit({ nodes: orderForReactFlow(nodes) });
    },

    paste: () => {
      if (!clipboard || clipboard.nodes.length === 0) return 0;
      pasteCount += 1;
      const copies = pasteClipboard(clipboard, { x: 32 * pasteCount, y: 32 * pasteCount }, newId);
      insertCopies(copies);
      return copies.nodes.length;
    },

    selectAll: () => {
      set({
        nodes: get().nodes.map((n) => (n.selected ? n : { ...n, selected: true })),
        edges: get().edges.map((e) => (e.selected ? e : { ...e, selected: true })),
      });
    },

    clearSelection: () => {
      set({
        nodes: get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
        edges: get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
    },

    undo: () => {
      // Nothing to undo on a read-only canvas (or a version shown for a look).
      if (get().readOnly) return;
      const previous = history.undo(snapshot());
      if (!previous) return;
      set({ nodes: previous.nodes, edges: previous.edges });
      syncHistoryFlags();
      get().onPersist('structure');
    },

    redo: () => {
      if (get().readOnly) return;
      const next = history.redo(snapshot());
      if (!next) return;
      set({ nodes: next.nodes, edges: next.edges });
      syncHistoryFlags();
      get().onPersist('structure');
    },

    beginGesture: () => {
      gestureStart = snapshot();
    },

    endGesture: (update) => {
      const before = gestureStart;
      gestureStart = null;
      if (get().readOnly) return;
      if (update) set({ nodes: update(get().nodes) });
      // Unchanged nodes are the same objects, so this is cheap even on a big canvas.
      if (before && !sameStoredGraph(before, snapshot())) {
        history.record(before);
        syncHistoryFlags();
        get().onPersist('structure');
      }
    },

    sealHistory: () => history.seal(),

    setViewport: (viewport) => {
      const current = get().viewport;
      if (current && current.x === viewport.x && current.y === viewport.y && current.zoom === viewport.zoom)
        return;
      set({ viewport: { x: viewport.x, y: viewport.y, zoom: viewport.zoom } });
      // Looking around a read-only canvas is not an edit.
      if (!get().readOnly) get().onPersist('structure');
    },

    rename: (name) => {
      if (get().readOnly || !name.trim() || name === get().name) return;
      set({ name: name.trim() });
      get().onPersist('structure');
    },

    setNodes: (nodes) => set({ nodes }),
  };

  function insertCopies(copies: ClipboardContent) {
    const deselected = get().nodes.map((n) => (n.selected ? { ...n, selected: false } : n));
    const groups = copies.nodes.filter((n) => n.type === 'group');
    const rest = copies.nodes.filter((n) => n.type !== 'group');
    commit({
      nodes: [...groups, ...deselected, ...rest],
      edges: [...get().edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...copies.edges],
    });
  }
});

/** For tests: forget clipboard and history between cases. */
export function resetEditorModuleState(): void {
  clipboard = null;
  pasteCount = 0;
  history.clear();
  gestureStart = null;
}
