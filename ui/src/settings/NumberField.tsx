import { useEffect, useState } from 'react';
import { parseBoundedInt } from './format-bytes';

/** A number field that saves a valid, clamped value on blur or Enter. */
export function NumberField({
  id,
  value,
  min,
  max,
  onCommit,
  testId,
}: {
  id: string;
  value: number;
  min: number;
  max: number;
  onCommit: (n: number) => void;
  testId?: string;
}) {
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const commit = () => {
    const parsed = parseBoundedInt(draft, min, max);
    if (parsed === null) setDraft(String(value));
    else {
      setDraft(String(parsed));
      if (parsed !== value) onCommit(parsed);
    }
  };
  return (
    <input
      id={id}
      className="input input--number"
      type="number"
      min={min}
      max={max}
      value={draft}
      data-testid={testId}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
