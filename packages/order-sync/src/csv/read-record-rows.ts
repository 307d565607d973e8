// `order.rows`: an order's records parsed again into header → value objects, only when someone
// reads them (nothing is kept per column while streaming).
import Papa from "papaparse";
import { type CsvDialect, papaConfigOf } from "./read-csv-records";

/**
 * header → value objects for a fixed header. A compiled object literal gives every record one
 * hidden class, ~10× faster than adding 109 keys one by one. Keys are JSON-quoted (no injection);
 * `__proto__` goes through a computed key so it stays an own property. Duplicate header names:
 * the last column wins, as with assignment.
 */
function recordFactory(headers: readonly string[]): (row: string[]) => Record<string, string> {
  const fields = headers.map((name, i) => {
    const key = JSON.stringify(name);
    return `${name === "__proto__" ? `[${key}]` : key}: row[${i}] ?? ""`;
  });
  return new Function("row", `return { ${fields.join(", ")} };`) as (
    row: string[],
  ) => Record<string, string>;
}

/** Reads records of this file as header → value objects; the factory is compiled on first use. */
export function createRecordRowsReader(
  headers: readonly string[],
  dialect: CsvDialect,
): (records: string[]) => Array<Record<string, string>> {
  const papaConfig = papaConfigOf(dialect);
  let toRecord: ((row: string[]) => Record<string, string>) | undefined;
  return (records) => {
    toRecord ??= recordFactory(headers);
    const make = toRecord;
    return records.map((record) => {
      const parsed = Papa.parse<string[]>(record, papaConfig);
      return make(parsed.data[0] ?? []);
    });
  };
}
