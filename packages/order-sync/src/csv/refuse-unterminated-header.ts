// A real export ends every line with a line break, its last one too (reference ecom-csv.md §1.1):
// a file that ends inside its header row was cut short, and may have lost columns with it. Read
// anyway, it would import "ok" with 0 rows, so it is refused, naming the columns it lacks.
import { DomainError } from "../errors";
import type { CsvHeader } from "./read-csv-header";
import { describeFile } from "./read-csv-header";
import type { RecognisedExport } from "./recognise-export-format";

/** Throws DomainError BAD_INPUT when the file ends inside its header row. */
export function refuseUnterminatedHeader(
  header: CsvHeader,
  { format, headers }: RecognisedExport,
  fileName: string | undefined,
): void {
  if (!header.unterminated) return;
  const present = new Set(headers);
  const mapped = Object.values(format.columns).filter((name) => name !== undefined);
  const missing = [...new Set(mapped)].filter((name) => !present.has(name));
  const lost =
    missing.length > 0
      ? `; missing column(s) ${missing.map((name) => `"${name}"`).join(", ")}`
      : "";
  throw new DomainError(
    "BAD_INPUT",
    `${describeFile(fileName)} is not a complete eCom order export: it ends inside its header row (no line break after line 1), so it was cut short${lost}`,
    { details: { missing } },
  );
}
