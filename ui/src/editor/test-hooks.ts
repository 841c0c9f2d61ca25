import { useEditor } from './editor-store';

/** A rectangle in the window's CSS pixels. */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * For end-to-end tests only: drag-to-connect is impractical over WebDriver, so `connect` makes a
 * connection through the same path as a person's drag (rules, history, autosave). The zoomed-out
 * overview paints nodes on a canvas, so tests ask where a node is on screen to point at it.
 */
export interface KodaTestHooks {
  connect: (sourceId: string, sourceHandle: string, targetId: string, targetHandle: string) => boolean;
  selectedNodeIds: () => string[];
  /** Where the open canvas draws a node (set while a canvas is open). */
  nodeScreenRect?: (id: string) => ScreenRect | null;
  zoom?: () => number;
}

declare global {
  interface Window {
    __kodaTest?: KodaTestHooks;
  }
}

export function installTestHooks(): void {
  window.__kodaTest = {
    connect: (source, sourceHandle, target, targetHandle) =>
      useEditor.getState().connect({ source, sourceHandle, target, targetHandle }),
    selectedNodeIds: () =>
      useEditor
        .getState()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
  };
}

/** The open canvas's part of the hooks; returns the cleanup. */
export function installCanvasTestHooks(hooks: Required<Pick<KodaTestHooks, 'nodeScreenRect' | 'zoom'>>) {
  if (!window.__kodaTest) installTestHooks();
  Object.assign(window.__kodaTest!, hooks);
  return () => {
    if (!window.__kodaTest) return;
    delete window.__kodaTest.nodeScreenRect;
    delete window.__kodaTest.zoom;
  };
}
