/** Platform-aware shortcut labels and the "is the person typing?" check. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
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

export type EditorCommand = 'undo' | 'redo' | 'copy' | 'paste' | 'duplicate' | 'selectAll' | 'delete' | 'escape' | 'help';

/** Maps a key press to an editor command, or null. Pure, so it is unit tested. */
export function commandFor(event: Pick<KeyboardEvent, 'key' | 'metaKey' | 'ctrlKey' | 'shiftKey' | 'altKey'>): EditorCommand | null {
  const mod = event.metaKey || event.ctrlKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !event.shiftKey) return 'redo';
    if (key === 'c' && !event.shiftKey) return 'copy';
    if (key === 'v' && !event.shiftKey) return 'paste';
    if (key === 'd' && !event.shiftKey) return 'duplicate';
    if (key === 'a' && !event.shiftKey) return 'selectAll';
    return null;
  }
  if (!mod && !event.altKey && (event.key === 'Delete' || event.key === 'Backspace')) return 'delete';
  if (event.key === 'Escape') return 'escape';
  if (event.key === '?' && !event.altKey) return 'help';
  return null;
}
