// A <select> over a list of options, named either by a visible label around it or, where the
// context shows what it is (a section's header), by an aria-label.
import type { SelectOption } from "./select-options";
import { pickedOption } from "./select-options";

export function LabelledSelect<T extends string | number>({
  label,
  visibleLabel = false,
  value,
  options,
  onChange,
  testId,
}: {
  /** Omitted only where the controls around it already say what it picks. */
  label?: string;
  visibleLabel?: boolean;
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  testId: string;
}) {
  const select = (
    <select
      value={value}
      onChange={(event) => {
        const picked = pickedOption(options, event.target.value);
        if (picked !== undefined) onChange(picked);
      }}
      aria-label={visibleLabel ? undefined : label}
      data-testid={testId}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
  if (!visibleLabel) return select;
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the select above is the label's child
    <label>
      {label} {select}
    </label>
  );
}
