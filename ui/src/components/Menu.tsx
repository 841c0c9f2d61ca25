import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
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
  /** What picking the item does (items with a submenu open it instead). */
  onSelect?: () => void;
  /** Items shown beside this one (hover, click, or → opens them; ← or Esc goes back). */
  submenu?: MenuItem[];
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
  /** For a submenu: closes just it (Esc, ←), leaving its parent open. */
  onBack?: () => void;
}

/** How far left of its parent's right edge a submenu opens when there is no room on the right. */
const SUBMENU_FLIP_GAP = 200;

/** A keyboard-friendly popup menu: arrows move, Enter picks, Esc or a click outside closes. */
export function Menu({ items, onClose, at, anchor, label, testId, onBack }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState<{ left: number; top: number } | null>(null);
  const [open, setOpen] = useState<{ id: string; at: { x: number; y: number } } | null>(null);
  const openSubmenu = (item: MenuItem, button: HTMLElement) => {
    const rect = button.getBoundingClientRect();
    setOpen({ id: item.id, at: { x: rect.right + 2, y: rect.top - 5 } });
  };
  const closeSubmenu = useCallback(() => setOpen(null), []);

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
    // Keep it on screen (a submenu that does not fit on the right opens on the left).
    if (onBack && at && left + width > window.innerWidth - 8) left = at.x - width - SUBMENU_FLIP_GAP;
    left = Math.max(8, Math.min(left, window.innerWidth - width - 8));
    if (top + height > window.innerHeight - 8) top = Math.max(8, (at ? at.y : top) - height - (at ? 0 : 40));
    setPosition({ left, top });
  }, [at, anchor, onBack]);

  useEffect(() => {
    // Focus goes back where it came from (the ⋯ button) unless an action moved it elsewhere.
    const previous = document.activeElement as HTMLElement | null;
    const menu = ref.current;
    const first = ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)');
    first?.focus();
    // Clicks in this menu's own submenu are not "outside".
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Element && event.target.closest('.menu'))) onClose();
    };
    // Only the innermost menu answers Esc.
    const onKey = (event: KeyboardEvent) => {
      const menus = document.querySelectorAll('.menu');
      if (event.key === 'Escape' && menus[menus.length - 1] === ref.current) {
        event.stopPropagation();
        (onBack ?? onClose)();
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
  }, [onClose, onBack]);

  const move = (delta: number) => {
    const buttons = [
      ...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? []),
    ];
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
        } else if (e.key === 'ArrowRight') {
          const item = items.find(
            (i) => i.submenu && document.activeElement?.getAttribute('data-item-id') === i.id,
          );
          if (item) {
            e.preventDefault();
            openSubmenu(item, document.activeElement as HTMLElement);
          }
        } else if (e.key === 'ArrowLeft' && onBack) {
          e.preventDefault();
          e.stopPropagation();
          onBack();
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
            className={`menu__item${item.danger ? ' menu__item--danger' : ''}${open?.id === item.id ? ' is-open' : ''}`}
            disabled={item.disabled}
            data-testid={item.testId}
            data-item-id={item.id}
            aria-haspopup={item.submenu ? 'menu' : undefined}
            aria-expanded={item.submenu ? open?.id === item.id : undefined}
            onPointerEnter={(e) =>
              item.submenu ? openSubmenu(item, e.currentTarget) : open && setOpen(null)
            }
            onClick={(e) => {
              if (item.submenu) {
                openSubmenu(item, e.currentTarget);
                return;
              }
              onClose();
              item.onSelect?.();
            }}
          >
            {item.icon && <Icon name={item.icon} size={15} />}
            <span className="menu__label">{item.label}</span>
            {item.shortcut && <span className="menu__shortcut">{item.shortcut}</span>}
            {item.submenu && <Icon name="chevronRight" size={13} className="menu__chevron" />}
          </button>
          {item.submenu && open?.id === item.id && (
            <Menu
              items={item.submenu}
              at={open.at}
              onClose={onClose}
              onBack={closeSubmenu}
              label={item.label}
              testId={item.testId ? `${item.testId}-menu` : undefined}
            />
          )}
        </div>
      ))}
    </div>,
    document.body,
  );
}
