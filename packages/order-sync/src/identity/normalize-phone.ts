import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { isPlaceholderValue, removeInvisibleCharacters } from "./placeholder-values";

export type { CountryCode };

/**
 * E.164 (`+16155550101`) or null. Uses `isPossible()` (length only) rather than `isValid()`
 * (assigned ranges): store test data uses fictional 555 numbers, and the default `min` metadata
 * cannot judge validity finely anyway. Extensions are dropped: they reach a desk, not a person.
 * Placeholder values ("n/a", "0", "-1", …) return null, so they never become identifiers.
 */
export function normalizePhone(
  raw: string | null | undefined,
  defaultRegion: CountryCode,
): string | null {
  if (raw == null || isPlaceholderValue(raw)) return null;
  const phone = parsePhoneNumberFromString(removeInvisibleCharacters(raw).trim(), defaultRegion);
  return phone?.isPossible() ? phone.number : null;
}

/** The national significant number of an E.164 value (`+16155550101` → `6155550101`). */
export function nationalNumberOf(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? null;
}
