/**
 * A version shown on the canvas for a look (Versions panel). The editor's canvas is put aside
 * (the stash) and the version is drawn read-only in its place, so every editing path refuses
 * (read-only store) and nothing of it is ever saved: the autosave and the thumbnails read the
 * stash while a version is shown (`canvasBehindPreview`). "Back to current" puts the canvas back.
 */
import { create } from 'zustand';
import type { StoredCanvas } from '../../bindings/StoredCanvas';
import type { VersionInfo } from '../../bindings/VersionInfo';
import type { Viewport } from '../../bindings/Viewport';
import { useEditor } from '../editor-store';
import { registerShowCurrent } from './preview-exit';
import {
  fromStoredEdge,
  fromStoredNode,
  orderForReactFlow,
  type KodaEdge,
  type KodaNode,
} from '../persisted';

/** The editor's own canvas while a version is shown. */
export interface Stash {
  canvasId: string | null;
  name: string;
  nodes: KodaNode[];
  edges: KodaEdge[];
  viewport?: Viewport;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

interface PreviewState {
  /** The version on screen; null when the canvas shows itself. */
  version: VersionInfo | null;
  /** That version's canvas. */
  canvas: StoredCanvas | null;
  stash: Stash | null;
}

export const useVersionPreview = create<PreviewState>(() => ({ version: null, canvas: null, stash: null }));

/** Whether a version is on screen. */
export const isPreviewing = () => useVersionPreview.getState().version !== null;

/**
 * What the editor's canvas really holds while a version is shown (for the autosave, the
 * thumbnails, leaving); null when nothing is shown, or when the stash belongs to another canvas.
 */
export function canvasBehindPreview(): Stash | null {
  const { stash } = useVersionPreview.getState();
  return stash && stash.canvasId === useEditor.getState().canvasId ? stash : null;
}

/** Draws `canvas` (a version) read-only in place of the editor's canvas. */
export function showVersion(version: VersionInfo, canvas: StoredCanvas, selected: string[] = []): void {
  const editor = useEditor.getState();
  const stash: Stash = useVersionPreview.getState().stash ?? {
    canvasId: editor.canvasId,
    name: editor.name,
    nodes: editor.nodes,
    edges: editor.edges,
    viewport: editor.viewport,
    readOnly: editor.readOnly,
    canUndo: editor.canUndo,
    canRedo: editor.canRedo,
  };
  const keep = new Set(selected);
  const nodes = orderForReactFlow((canvas.nodes ?? []).map(fromStoredNode)).map((n) =>
    keep.has(n.id) ? { ...n, selected: true } : n,
  );
  useVersionPreview.setState({ version, canvas, stash });
  useEditor.setState({
    nodes,
    edges: (canvas.edges ?? []).map(fromStoredEdge),
    readOnly: true,
    canUndo: false,
    canRedo: false,
  });
}

/** Puts the editor's canvas back (Back to current, closing the panel, leaving). */
export function showCurrent(): void {
  const { stash } = useVersionPreview.getState();
  useVersionPreview.setState({ version: null, canvas: null, stash: null });
  if (!stash || stash.canvasId !== useEditor.getState().canvasId) return;
  const { name, nodes, edges, readOnly, canUndo, canRedo } = stash;
  // The view stays where the person looked (it is saved with the next edit).
  useEditor.setState({ name, nodes, edges, readOnly, canUndo, canRedo });
}

registerShowCurrent(showCurrent);

/** Forgets a preview without touching the editor (a canvas is being loaded in its place). */
export function dropPreview(): void {
  useVersionPreview.setState({ version: null, canvas: null, stash: null });
}

/**
 * Runs `update` (the canvas changed in storage, e.g. synced) on the editor's own canvas: a version
 * on screen is put aside for it and shown again after, with its selection.
 */
export function behindPreview(update: () => void): void {
  const { version, canvas } = useVersionPreview.getState();
  if (!version || !canvas || !canvasBehindPreview()) {
    update();
    return;
  }
  const selected = useEditor
    .getState()
    .nodes.filter((n) => n.selected)
    .map((n) => n.id);
  showCurrent();
  try {
    update();
  } finally {
    showVersion(version, canvas, selected);
  }
}

/** The nodes selected in the version on screen. */
export function selectedInPreview(nodes: readonly KodaNode[]): KodaNode[] {
  return nodes.filter((n) => n.selected);
}
