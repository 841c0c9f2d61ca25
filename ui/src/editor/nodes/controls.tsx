import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../components/Icon';
import { dataProblems, describeProblems } from '../../canvas/node-data';
import { useEditor } from '../editor-store';
import type { EnhanceKind } from '../../generation/enhance-prompt';
import type { Choice } from './choices';
import { EnhancePrompt } from './EnhancePrompt';

/** A "!" in the header when fields hold values of the wrong type; the tooltip names them. */
export function DataWarning({ type, data }: { type: string; data: Record<string, unknown> }) {
  const problems = dataProblems(type, data);
  if (problems.length === 0) return null;
  const fields = problems.map((p) => p.field).join(', ');
  return (
    <span
      className="knode__warning"
      data-testid="node-data-warning"
      data-fields={fields}
      title={describeProblems(problems)}
      role="img"
      aria-label={`Unexpected values in ${fields}`}
    >
      <Icon name="alert" size={13} strokeWidth={2.2} />
    </span>
  );
}

interface WordsProps {
  id: string;
  field: string;
  value: string;
  placeholder: string;
  label: string;
  rows?: number;
  className?: string;
  /** Turns what was typed into what is stored (rich text → HTML). */
  toStored?: (typed: string) => unknown;
  /** Offers Enhance (a richer prompt for this kind of output) in the field's corner. */
  enhance?: EnhanceKind;
}

/** A node's main words (prompt, content, concept …): typing is saved as one undo step per run. */
export function Words({
  id,
  field,
  value,
  placeholder,
  label,
  rows = 3,
  className = 'knode__textarea',
  toStored,
  enhance,
}: WordsProps) {
  const { updateNodeData, sealHistory } = useEditor.getState();
  const area = (
    <textarea
      className={`${className} nodrag nowheel`}
      value={value}
      rows={rows}
      placeholder={placeholder}
      aria-label={label}
      data-testid="node-words"
      spellCheck
      onChange={(e) =>
        updateNodeData(
          id,
          { [field]: toStored ? toStored(e.target.value) : e.target.value },
          { typing: true, coalesceKey: `${field}:${id}` },
        )
      }
      onBlur={sealHistory}
    />
  );
  if (!enhance) return area;
  return (
    <EnhancePrompt id={id} field={field} value={value} kind={enhance} toStored={toStored}>
      {area}
    </EnhancePrompt>
  );
}

interface SettingSelectProps<T extends string | number> {
  id: string;
  field: string;
  /** What the data holds (undefined: absent or of the wrong type; `fallback` is shown then). */
  value: T | undefined;
  fallback: T;
  options: readonly Choice<T>[];
  label: string;
  testId?: string;
  /** Shown before the value ("AR", "Voice" …). */
  prefix?: string;
}

/**
 * One of a node's settings as a compact picker. A stored value that is not among the options (a
 * model of a newer Koda, say) is offered as it is, so it is shown and never rewritten.
 */
export function SettingSelect<T extends string | number>({
  id,
  field,
  value,
  fallback,
  options,
  label,
  testId,
  prefix,
}: SettingSelectProps<T>) {
  const current = value ?? fallback;
  const all = options.some((o) => o.value === current)
    ? options
    : [{ value: current, label: String(current) }, ...options];
  const numeric = typeof current === 'number';
  return (
    <label className="setting" title={label}>
      {prefix && <span className="setting__prefix">{prefix}</span>}
      <select
        className="setting__select nodrag"
        value={String(current)}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const next = numeric ? Number(e.target.value) : e.target.value;
          useEditor.getState().updateNodeData(id, { [field]: next });
        }}
      >
        {all.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A yes/no setting as a small pressed/unpressed chip. */
export function ToggleChip({
  id,
  field,
  value,
  label,
  icon,
}: {
  id: string;
  field: string;
  value: boolean;
  label: string;
  icon?: IconName;
}) {
  return (
    <button
      type="button"
      className={`chip nodrag${value ? ' is-on' : ''}`}
      aria-pressed={value}
      title={label}
      onClick={() => useEditor.getState().updateNodeData(id, { [field]: !value })}
    >
      {icon && <Icon name={icon} size={12} strokeWidth={2} />}
      {label}
    </button>
  );
}

export function SettingsRow({ children }: { children: ReactNode }) {
  return <div className="settings-row">{children}</div>;
}

/** Planning (storyboards, product shots) needs a language model, which Koda Desktop does not run yet. */
export function PlanButton({ label = 'Plan' }: { label?: string }) {
  return (
    <span
      className="generate-wrap"
      title="Planning with AI runs in Koda web for now"
      data-testid="plan-tooltip"
    >
      <button
        type="button"
        className="btn btn--primary btn--sm"
        disabled
        aria-disabled="true"
        data-testid="plan"
      >
        <Icon name="sparkles" size={13} />
        {label}
      </button>
    </span>
  );
}

/** Where an output will appear, while there is none. */
export function OutputPlaceholder({ icon, children }: { icon: IconName; children: ReactNode }) {
  return (
    <div className="gen-preview">
      <Icon name={icon} size={22} strokeWidth={1.4} />
      <span>{children}</span>
    </div>
  );
}

/**
 * A node's stored error or Koda web's progress, when it has them. Generators show errors with
 * their run controls instead (`errors={false}`).
 */
export function NodeStatus({ data, errors = true }: { data: Record<string, unknown>; errors?: boolean }) {
  const error = errors && typeof data.error === 'string' && data.error.trim() ? data.error.trim() : null;
  const generating = data.isGenerating === true;
  if (!error && !generating) return null;
  const progress = typeof data.progress === 'number' ? Math.round(data.progress) : null;
  return error ? (
    <p className="knode__status knode__status--error" title={error}>
      {error}
    </p>
  ) : (
    <p className="knode__status">Generating in Koda web{progress !== null ? ` · ${progress}%` : '…'}</p>
  );
}
