import { useEffect, type RefObject } from 'react';

/**
 * What every dialog does: focus moves in (to `[data-autofocus]`, else the first field or button),
 * Esc closes it, Tab stays inside, and focus goes back where it was when it closes. Dialogs may
 * stack (`.modal` elements, newest last); only the top one answers.
 */
export function useDialog(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    // The element asking for focus (a confirm button), else the first field or button.
    const focusable =
      ref.current?.querySelector<HTMLElement>('[data-autofocus]') ??
      ref.current?.querySelector<HTMLElement>('input, select, textarea, button:not([data-modal-close])');
    focusable?.focus();
    const onKey = (event: KeyboardEvent) => {
      // With a dialog over another (a confirmation over Settings), only the top one answers.
      const dialogs = document.querySelectorAll('.modal');
      if (dialogs[dialogs.length - 1] !== ref.current) return;
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
      if (event.key === 'Tab' && ref.current) {
        // Keep keyboard focus inside the dialog.
        const items = [
          ...ref.current.querySelectorAll<HTMLElement>(
            'button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
          ),
        ].filter((el) => !el.hasAttribute('disabled') && el.getAttribute('tabindex') !== '-1');
        if (items.length === 0) return;
        const first = items[0];
        const last = items[items.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      previous?.focus?.();
    };
  }, [ref, onClose]);
}
