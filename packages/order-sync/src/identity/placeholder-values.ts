// Raw values that people and exports type into identity fields to mean "nothing".

// Zero-width characters and the byte-order mark survive copy and paste but `trim()` keeps the
// zero-width ones, so two otherwise equal values would not compare equal.
const invisibleCharacters = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

export function removeInvisibleCharacters(raw: string): string {
  return raw.replace(invisibleCharacters, "");
}

// Compared after trimming and lower-casing. None of them can be a real email, phone number or
// Lightspeed customer id, so the normalizers turn them into "no value" rather than an identifier.
const placeholderValues: ReadonlySet<string> = new Set([
  "",
  "-",
  "--",
  "0",
  "-1",
  "n/a",
  "na",
  "nil",
  "nan",
  "none",
  "null",
  "undefined",
  "unknown",
]);

export function isPlaceholderValue(raw: string): boolean {
  return placeholderValues.has(removeInvisibleCharacters(raw).trim().toLowerCase());
}
