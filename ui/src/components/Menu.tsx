import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { Icon, type IconName } from './Icon';

export interface MenuItem {
  id: string;
  label: string;
  icon?: IconName;
  shortcut?: string;
  danger?: boolean;
  disabled?: boolean;
  testId?: string;
  onSelect: () => void;
  /** Draws a divider above this item. */
  separatorBefore?: boolean;
}

interface MenuProps {
  items: MenuItem[];
  onClose: () => void;
  /** Fixed screen position (context menus) … */
  at?: { x: number; y: number };
  /** … or an element to hang below, right-aligned. */
  anchor?: RefObject<HTMLElement | null>;
  label?: string;
  testId?: string;
}

/** A keyboard-friendly popup menu: arrows move, Enter picks, Esc or a click outside closes. */
export function Menu({ items, onClose, at, anchor, label, testId }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    let left = 0;
    let top = 0;
    if (at) {
      left = at.x;
      top = at.y;
    } else if (anchor?.current) {
      const rect = anchor.current.getBoundingClientRect();
      left = rect.right - width;
      top = rect.bottom + 6;
    }
    // Keep it on screen.
    left = Math.max(8, Math.min(left, window.innerWidth - width - 8));
    if (top + height > window.innerHeight - 8) top = Math.max(8, (at ? at.y : top) - height - (at ? 0 : 40));
    setPosition({ left, top });
  }, [at, anchor]);

  useEffect(() => {
    // Focus goes back where it came from (the ⋯ button) unless an action moved it elsewhere.
    const previous = document.activeElement as HTMLElement | null;
    const menu = ref.current;
    const first = ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)');
    first?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
      const active = document.activeElement;
      if (active === document.body || active === null || menu?.contains(active)) previous?.focus?.();
    };
  }, [onClose]);

  const move = (delta: number) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(index + delta + buttons.length) % buttons.length]?.focus();
  };

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      data-testid={testId}
      className="menu"
      style={{ left: position?.left ?? -9999, top: position?.top ?? -9999 }}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          move(1);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          move(-1);
        } else if (e.key === 'Tab') {
          onClose();
        }
      }}
    >
      {items.map((item) => (
        <div key={item.id}>
          {item.separatorBefore && <div className="menu__separator" role="separator" />}
          <button
            type="button"
            role="menuitem"
            className={`menu__item${item.danger ? ' menu__item--danger' : ''}`}
            disabled={item.disabled}
            data-testid={item.testId}
            onClick={() => {
              onClose();
              item.onSelect();
            }}
          >
            {item.icon && <Icon name={item.icon} size={15} />}
            <span className="menu__label">{item.label}</span>
            {item.shortcut && <span className="menu__shortcut">{item.shortcut}</span>}
          </button>
        </div>
      ))}
    </div>,
    document.body,
  );
}
