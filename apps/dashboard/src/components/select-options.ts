// The options a <select> offers, and the option a change event picked (a select only ever
// reports text, so numbers and string unions come back typed by looking the option up).
import type { ReactNode } from "react";

export interface SelectOption<T extends string | number> {
  value: T;
  label: ReactNode;
}

/** One option per entry of a value → label record, in the record's order. */
export function optionsFromLabels<T extends string>(
  labels: Readonly<Record<T, ReactNode>>,
): SelectOption<T>[] {
  return (Object.entries(labels) as [T, ReactNode][]).map(([value, label]) => ({ value, label }));
}

/** The value of the option whose text is `raw`; undefined when no option has it. */
export function pickedOption<T extends string | number>(
  options: readonly SelectOption<T>[],
  raw: string,
): T | undefined {
  return options.find((option) => String(option.value) === raw)?.value;
}

/** A filter's options: "all" (the empty value, no filter), then one per value as its own label. */
export function filterOptions(allLabel: string, values: readonly string[]): SelectOption<string>[] {
  return [{ value: "", label: allLabel }, ...values.map((value) => ({ value, label: value }))];
}
