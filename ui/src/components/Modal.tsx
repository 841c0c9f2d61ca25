import { useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useDialog } from './use-dialog';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Small dialogs (confirm) vs. large sheets (the template gallery). */
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
  useDialog(ref, onClose);

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
