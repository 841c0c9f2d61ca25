import { useEffect } from 'react';
import { useEditor } from './editor-store';
import { commandFor, isTypingTarget } from './shortcuts';

/** Editor keyboard shortcuts, on the window; silent while typing or while a dialog is open. */
export function useEditorShortcuts(onEscape?: () => void, onHelp?: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      if (document.querySelector('.modal-backdrop, .menu')) return;
      const command = commandFor(event);
      if (!command) return;
      const editor = useEditor.getState();
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
        case 'paste':
          editor.paste();
          break;
        case 'duplicate':
          editor.duplicate(selected);
          break;
        case 'selectAll':
          editor.selectAll();
          break;
        case 'delete':
          editor.deleteSelection();
          break;
        case 'escape':
          editor.clearSelection();
          onEscape?.();
          break;
        case 'help':
          onHelp?.();
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onEscape, onHelp]);
}
