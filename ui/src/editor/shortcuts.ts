/** Platform-aware shortcut labels and the "is the person typing?" check. */
export const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const modKey = isMac ? '⌘' : 'Ctrl+';

/** Shortcuts never fire while focus is in a text field, a select, or editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(type);
  }
  return false;
}

export type EditorCommand =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'cut'
  | 'paste'
  | 'duplicate'
  | 'selectAll'
  | 'delete'
  | 'group'
  | 'ungroup'
  | 'zoomIn'
  | 'zoomOut'
  | 'fitView'
  | 'zoomToSelection'
  | 'selectTool'
  | 'panTool'
  | 'escape'
  | 'help';

type KeyInfo = Pick<KeyboardEvent, 'key' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey'> & { code?: string };

/** Maps a key press to an editor command, or null. Pure, so it is unit tested. */
export function commandFor(event: KeyInfo): EditorCommand | null {
  const mod = event.metaKey || event.ctrlKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !event.shiftKey) return 'redo';
    if (key === 'g') return event.shiftKey ? 'ungroup' : 'group';
    // ⌘+ is ⌘= on most layouts (⇧ optional); ⌘− likewise.
    if (key === '=' || key === '+' || event.code === 'NumpadAdd') return 'zoomIn';
    if (key === '-' || key === '_' || event.code === 'NumpadSubtract') return 'zoomOut';
    if (event.shiftKey) return null;
    if (key === 'c') return 'copy';
    if (key === 'x') return 'cut';
    if (key === 'v') return 'paste';
    if (key === 'd') return 'duplicate';
    if (key === 'a') return 'selectAll';
    return null;
  }
  if (mod || event.altKey) return event.key === 'Escape' ? 'escape' : null;
  if (event.key === 'Delete' || event.key === 'Backspace') return 'delete';
  if (event.key === 'Escape') return 'escape';
  if (event.key === '?') return 'help';
  // ⇧1 / ⇧2 by the physical key: the character they type depends on the layout ("!", "@", "\"").
  if (event.shiftKey && (event.code === 'Digit1' || (event.code === undefined && event.key === '!')))
    return 'fitView';
  if (event.shiftKey && (event.code === 'Digit2' || (event.code === undefined && event.key === '@')))
    return 'zoomToSelection';
  if (!event.shiftKey && key === 'v') return 'selectTool';
  if (!event.shiftKey && key === 'h') return 'panTool';
  return null;
}
