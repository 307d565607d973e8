import { DomainError } from "@greenloop/order-sync/errors";

/**
 * A `--name N` option that must be a whole number in [min, max] (default ≥ 0, no upper bound);
 * `fallback` when it is not given. One wording for every command's numeric options.
 */
export function wholeNumberOption(
  value: string | boolean | undefined,
  name: string,
  fallback: number,
  range: { min?: number; max?: number; unit?: string } = {},
): number {
  if (value === undefined) return fallback;
  const { min = 0, max = Number.MAX_SAFE_INTEGER, unit } = range;
  const parsed = Number(value);
  if (typeof value !== "string" || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    const bounds =
      max === Number.MAX_SAFE_INTEGER
        ? `≥ ${min}`
        : `from ${min} to ${max.toLocaleString("en-US")}`;
    throw new DomainError(
      "BAD_INPUT",
      `${name} must be a whole number${unit ? ` of ${unit}` : ""} ${bounds} (got "${String(value)}").`,
    );
  }
  return parsed;
}
