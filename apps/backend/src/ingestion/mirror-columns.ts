// The column builders every raw X-Series mirror writes with (upsert-by-version.ts): one parameter
// array per column, typed for unnest, read off the parsed records.
import type { ParsedRecord } from "@greenloop/order-sync/lightspeed";
import type { MirrorColumn } from "./upsert-by-version";

export const text = (values: unknown[]) => ({ type: "text", values });
export const money = (values: unknown[]) => ({ type: "numeric", values });
export const instant = (values: unknown[]) => ({ type: "timestamptz", values });

export function column<T>(
  records: ParsedRecord<T>[],
  name: string,
  make: (values: unknown[]) => { type: string; values: unknown[] },
  pick: (record: ParsedRecord<T>) => unknown,
): MirrorColumn {
  return { name, ...make(records.map((record) => pick(record) ?? null)) };
}

/** The record exactly as Lightspeed sent it, into the `payload` jsonb column. */
export function jsonPayload<T>(records: ParsedRecord<T>[]): MirrorColumn {
  return {
    ...column(records, "payload", text, (r) => JSON.stringify(r.raw)),
    convert: (v: string) => `${v}::jsonb`,
  };
}

export const str = (value: { toString(): string } | null | undefined) =>
  value == null ? null : value.toString();
export const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);
