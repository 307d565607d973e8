// An API 2.0 object as the client hands it over: parsed with its schema, with the raw copy kept.
import type { ParsedRecord } from "@greenloop/order-sync/lightspeed";

export function parsed<T>(schema: { parse(value: unknown): T }, raw: object): ParsedRecord<T> {
  const copy = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  return { data: schema.parse(copy), raw: copy };
}
