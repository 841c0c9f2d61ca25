import { useEffect, useRef, useState } from 'react';

interface InlineEditProps {
  value: string;
  onCommit: (value: string) => void;
  onCancel: () => void;
  testId?: string;
  className?: string;
  ariaLabel: string;
}

/** A text field that commits on Enter or blur and cancels on Esc; empty input cancels. */
export function InlineEdit({ value, onCommit, onCancel, testId, className, ariaLabel }: InlineEditProps) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    const next = draft.trim();
    if (commit && next && next !== value) onCommit(next);
    else onCancel();
  };

  return (
    <input
      ref={ref}
      className={`input inline-edit ${className ?? ''}`}
      value={draft}
      aria-label={ariaLabel}
      data-testid={testId}
      maxLength={500}
      onChange={(e) => setDraft(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        if (e.key === 'Escape') finish(false);
      }}
      onBlur={() => finish(true)}
    />
  );
}
