// How the real API writes dates and money on the wire.

/** API 2.0 dates: ISO-8601 in UTC with an explicit `+00:00` offset and no milliseconds. */
export function formatApiDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** RFC 1123 date as used by `Retry-After` and `Date`. */
export function formatHttpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Money is kept in integer cents and written as a JSON number (the real API sends numbers). */
export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}

/** Money as the eCom CSV writes it: two decimals, `.`, no symbol. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
