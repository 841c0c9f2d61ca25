import type { ReactNode } from 'react';
import { Icon, type IconName } from '../components/Icon';

/**
 * A group of settings on a page. The page has its own title, so a page with one group gives
 * none (only, where it helps, a lead paragraph); a page with several titles each.
 */
export function Section({
  title,
  description,
  testId,
  id,
  children,
}: {
  title?: string;
  description?: string;
  testId?: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <section className="settings-section" data-testid={testId} id={id}>
      {(title || description) && (
        <div className="settings-section__head">
          {title && <h3 className="settings-section__title">{title}</h3>}
          {description && <p className="settings-section__description">{description}</p>}
        </div>
      )}
      <div className="settings-section__rows">{children}</div>
    </section>
  );
}

/**
 * One setting: its label (and hint) on the left, its control on the right. `className` adds a
 * variant (`settings-row--field`: a wide field that keeps its width, the label wraps).
 */
export function Row({
  label,
  hint,
  htmlFor,
  className,
  children,
}: {
  label: string;
  hint?: string;
  htmlFor?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `settings-row ${className}` : 'settings-row'}>
      <div className="settings-row__label">
        <label htmlFor={htmlFor}>{label}</label>
        {hint && <span className="settings-row__hint">{hint}</span>}
      </div>
      <div className="settings-row__control">{children}</div>
    </div>
  );
}

/** Nothing to show yet, or nothing to do here: what and why, in a calm box (and what to do, if anything). */
export function EmptyState({
  icon,
  title,
  children,
  action,
  testId,
  reason,
}: {
  icon: IconName;
  title: string;
  children: ReactNode;
  action?: ReactNode;
  testId?: string;
  /** For the checks: why it is empty (`browser`, `postgres`, …). */
  reason?: string;
}) {
  return (
    <div className="settings-empty" data-testid={testId} data-reason={reason}>
      <span className="settings-empty__icon" aria-hidden="true">
        <Icon name={icon} size={18} />
      </span>
      <div className="settings-empty__text">
        <p className="settings-empty__title">{title}</p>
        <p className="settings-empty__body">{children}</p>
      </div>
      {action && <div className="settings-empty__action">{action}</div>}
    </div>
  );
}
