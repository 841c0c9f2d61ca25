import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Small dialogs (confirm) vs. the large settings sheet. */
  size?: 'sm' | 'lg';
  testId?: string;
  footer?: ReactNode;
  headerExtra?: ReactNode;
  closeTestId?: string;
}

/**
 * A dialog over a dimmed backdrop. Esc and a click on the backdrop close it; focus returns
 * afterwards. Dialogs may stack; the top one gets the keys.
 */
export function Modal({
  title,
  onClose,
  children,
  size = 'sm',
  testId,
  footer,
  headerExtra,
  closeTestId,
}: ModalProps) {
  const ref = useRef<HTMLDivElement>(null);

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
        ].filter((el) => !el.hasAttribute('disabled'));
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
  }, [onClose]);

  return createPortal(
    <div className="modal-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal modal--${size}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
      >
        <header className="modal__header">
          <h2 className="modal__title">{title}</h2>
          {headerExtra}
          <button
            type="button"
            className="btn btn--ghost btn--icon btn--sm"
            aria-label="Close"
            data-modal-close
            data-testid={closeTestId}
            onClick={onClose}
          >
            <svg
              width="16"
              height="16"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              aria-hidden="true"
            >
              <path d="M6 6l12 12M18 6 6 18" />
            </svg>
          </button>
        </header>
        <div className="modal__body">{children}</div>
        {footer && <footer className="modal__footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
