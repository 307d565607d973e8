// Timestamps: API 2.0 sends ISO-8601 with an offset, API 1.0 / webhooks send "YYYY-MM-DD HH:MM:SS".
// All Lightspeed times are UTC (reference §3), so a time without a zone is read as UTC, never local.
import { z } from "zod";

const withZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const withoutZone = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;

/** Parses a Lightspeed timestamp to a `Date` (UTC); `null` when it is not one. */
export function parseUtcDate(text: string): Date | null {
  const trimmed = text.trim();
  let iso: string | null = null;
  if (withZone.test(trimmed)) {
    iso = trimmed;
  } else {
    const match = withoutZone.exec(trimmed);
    if (match) iso = `${match[1]}T${match[2] ?? "00:00:00"}Z`;
  }
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const utcDateSchema = z.string().transform((text, ctx) => {
  const date = parseUtcDate(text);
  if (date === null) {
    ctx.addIssue({ code: "custom", message: "expected a UTC timestamp" });
    return z.NEVER;
  }
  return date;
});

/** A timestamp that may be absent; API 1.0 sends `""` for "not set" (e.g. `deleted_at`). */
export const optionalUtcDateSchema = z
  .union([utcDateSchema, z.literal("")])
  // `.nullish()` (not a union with undefined) keeps the key optional inside objects.
  .nullish()
  .transform((value) => (value instanceof Date ? value : null));
