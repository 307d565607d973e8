// Validates one record against its schema without throwing: a bad record is reported (id, version,
// issue paths — never field values, which may be personal data) and the rest of the page goes on.
import type { z } from "zod";

/** A record that passed its schema, with the untouched JSON we received (stored as the raw payload). */
export interface ParsedRecord<T> {
  data: T;
  raw: Record<string, unknown>;
}

export interface RecordIssue {
  /** Dotted path inside the record, e.g. `line_items.0.price`; `""` for the record itself. */
  path: string;
  message: string;
}

/** A record that failed its schema. Never contains field values. */
export interface MalformedRecord {
  id: string | null;
  version: number | null;
  issues: RecordIssue[];
}

export type ParseRecordResult<T> =
  | { ok: true; record: ParsedRecord<T> }
  | { ok: false; malformed: MalformedRecord };

export function parseRecord<T>(schema: z.ZodType<T>, raw: unknown): ParseRecordResult<T> {
  const result = schema.safeParse(raw);
  if (result.success && isObject(raw)) {
    return { ok: true, record: { data: result.data, raw } };
  }
  const issues = result.success
    ? [{ path: "", message: "expected an object" }]
    : result.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      }));
  return {
    ok: false,
    malformed: { id: readRecordId(raw), version: readRecordVersion(raw), issues },
  };
}

/** The record's id as text, when it has a usable one. */
export function readRecordId(raw: unknown): string | null {
  if (!isObject(raw)) return null;
  const id = raw.id;
  if (typeof id === "string" && id.length > 0) return id;
  return typeof id === "number" ? String(id) : null;
}

/**
 * The record's version, when it has a usable one (the pager needs it to move past bad records).
 * Date-versioned sales carry it in `_metadata.version` (reference §5.9).
 */
export function readRecordVersion(raw: unknown): number | null {
  if (!isObject(raw)) return null;
  return (
    asVersion(raw.version) ?? (isObject(raw._metadata) ? asVersion(raw._metadata.version) : null)
  );
}

function asVersion(value: unknown): number | null {
  const version = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof version === "number" && Number.isSafeInteger(version) && version >= 0
    ? version
    : null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
