import { DomainError } from "@greenloop/order-sync/errors";

/** A `--name N` option that must be a whole number ≥ 0; `fallback` when it is not given. */
export function wholeNumberOption(
  value: string | boolean | undefined,
  name: string,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (typeof value !== "string" || !Number.isSafeInteger(parsed) || parsed < 0) {
    throw new DomainError(
      "BAD_INPUT",
      `${name} must be a whole number ≥ 0 (got "${String(value)}").`,
    );
  }
  return parsed;
}
