import { Icon } from './Icon';

interface CloseButtonProps {
  /** What the button closes, for screen readers ("Close history", "Dismiss"). */
  label: string;
  testId: string;
  onClick: () => void;
  /** Extra class for placement. */
  className?: string;
  iconSize?: number;
}

/** The small ghost ✕ button that closes a panel, a lightbox or a message. */
export function CloseButton({ label, testId, onClick, className, iconSize = 16 }: CloseButtonProps) {
  return (
    <button
      type="button"
      className={`btn btn--ghost btn--icon btn--sm${className ? ` ${className}` : ''}`}
      aria-label={label}
      data-testid={testId}
      onClick={onClick}
    >
      <Icon name="close" size={iconSize} />
    </button>
  );
}
