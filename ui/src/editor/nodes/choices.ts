/** One option of a node setting. */
export interface Choice<T extends string | number> {
  value: T;
  label: string;
}

/** Options as choices, labelled by `label` (the value itself by default). */
export const choices = <T extends string | number>(
  values: readonly T[],
  label: (value: T) => string = String,
): Choice<T>[] => values.map((value) => ({ value, label: label(value) }));
