import { useEffect, useRef } from 'react';
import type { RectOf } from './groups';
import { useEditor } from './editor-store';
import { commandFor, isTypingTarget } from './shortcuts';
import { useTool } from './tools';

/** What the shortcuts need from the canvas (React Flow's view, measured node rectangles). */
export interface ShortcutTargets {
  onEscape?: () => void;
  onHelp?: () => void;
  zoomIn?: () => void;
  zoomOut?: () => void;
  fitView?: () => void;
  /** Zooms to these nodes. */
  zoomTo?: (nodeIds: string[]) => void;
  rectOf?: RectOf;
  /** Image files pasted from the system clipboard (⌘V with a screenshot, a copied picture). */
  onPasteFiles?: (files: File[]) => void;
}

/** The image files on a clipboard, if any. */
export function imageFilesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = [...(data.files ?? [])];
  const fromItems = [...(data.items ?? [])]
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
  return (files.length > 0 ? files : fromItems).filter((file) => file.type.startsWith('image/'));
}

/**
 * Editor keyboard shortcuts, on the window; silent while typing or while a dialog is open.
 * ⌘V pastes an image from the system clipboard as a media node when there is one, else the
 * nodes copied in Koda: the key only marks a paste as wanted, and the `paste` event that follows
 * decides (a WebView that sends no `paste` event still pastes nodes, a moment later).
 */
export function useEditorShortcuts(targets: ShortcutTargets = {}): void {
  const latest = useRef(targets);
  useEffect(() => {
    latest.current = targets;
  });

  useEffect(() => {
    let pendingPaste: ReturnType<typeof setTimeout> | null = null;
    const pasteNodesNow = () => {
      if (pendingPaste !== null) clearTimeout(pendingPaste);
      pendingPaste = null;
      useEditor.getState().paste();
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('.modal-backdrop, .menu')) return;
      const command = commandFor(event);
      if (!command) return;
      const editor = useEditor.getState();
      const view = latest.current;
      const selected = editor.nodes.filter((n) => n.selected).map((n) => n.id);
      switch (command) {
        case 'undo':
          editor.undo();
          break;
        case 'redo':
          editor.redo();
          break;
        case 'copy':
          if (selected.length === 0) return; // let the browser copy text
          editor.copy(selected);
          break;
        case 'cut':
          if (selected.length === 0) return;
          editor.cut(selected);
          break;
        case 'paste':
          // Not prevented: the browser's `paste` event brings the system clipboard (below).
          if (pendingPaste !== null) clearTimeout(pendingPaste);
          pendingPaste = setTimeout(pasteNodesNow, 50);
          return;
        case 'duplicate':
          editor.duplicate(selected);
          break;
        case 'selectAll':
          editor.selectAll();
          break;
        case 'delete':
          editor.deleteSelection();
          break;
        case 'group':
          if (selected.length > 0 && view.rectOf) editor.group(selected, view.rectOf);
          break;
        case 'ungroup':
          editor.ungroup(selected);
          break;
        case 'zoomIn':
          view.zoomIn?.();
          break;
        case 'zoomOut':
          view.zoomOut?.();
          break;
        case 'fitView':
          view.fitView?.();
          break;
        case 'zoomToSelection':
          if (selected.length > 0) view.zoomTo?.(selected);
          else view.fitView?.();
          break;
        case 'selectTool':
          useTool.getState().setTool('select');
          break;
        case 'panTool':
          useTool.getState().setTool('pan');
          break;
        case 'escape':
          editor.clearSelection();
          view.onEscape?.();
          break;
        case 'help':
          view.onHelp?.();
          break;
      }
      event.preventDefault();
    };

    const onPaste = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || document.querySelector('.modal-backdrop, .menu')) return;
      const images = imageFilesOf(event.clipboardData);
      if (images.length > 0 && latest.current.onPasteFiles) {
        event.preventDefault();
        if (pendingPaste !== null) clearTimeout(pendingPaste);
        pendingPaste = null;
        if (!useEditor.getState().readOnly) latest.current.onPasteFiles(images);
        return;
      }
      // Nothing from outside: the nodes copied in Koda (also for Edit → Paste, which has no key).
      event.preventDefault();
      pasteNodesNow();
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('paste', onPaste);
    return () => {
      if (pendingPaste !== null) clearTimeout(pendingPaste);
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
