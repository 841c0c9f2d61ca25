import type { ReactNode } from 'react';

/** A titled group of settings. */
export function Section({
  title,
  description,
  testId,
  id,
  children,
}: {
  title: string;
  description?: string;
  testId?: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <section className="settings-section" data-testid={testId} id={id}>
      <div className="settings-section__head">
        <h3 className="settings-section__title">{title}</h3>
        {description && <p className="settings-section__description">{description}</p>}
      </div>
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
