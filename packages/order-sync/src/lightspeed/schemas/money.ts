// Money and other exact decimals. JSON numbers reach us as JS doubles; `String(n)` gives back the
// shortest decimal text that round-trips, which is the text Lightspeed sent for the ≤15-significant-
// digit values money has, so `new Decimal(String(n))` is exact where float arithmetic is not.
import { Decimal } from "decimal.js";
import { z } from "zod";

const decimalText = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a JSON number or decimal string to an exact `Decimal`, never through float arithmetic. */
export function parseDecimal(value: number | string): Decimal | null {
  if (typeof value === "number") {
    return Number.isFinite(value) ? new Decimal(String(value)) : null;
  }
  const text = value.trim();
  return decimalText.test(text) ? new Decimal(text) : null;
}

/** A required amount: JSON number or decimal string (API 1.0 payloads send `"202.980"`). */
export const moneySchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseDecimal(value);
  if (parsed === null) {
    ctx.addIssue({ code: "custom", message: "expected a decimal amount" });
    return z.NEVER;
  }
  return parsed;
});

/** An amount that may be absent: `null`, missing and (API 1.0 style) `""` all become `null`. */
export const optionalMoneySchema = z
  .union([moneySchema, z.literal("")])
  // `.nullish()` (not a union with undefined) keeps the key optional inside objects.
  .nullish()
  .transform((value) => (value instanceof Decimal ? value : null));
