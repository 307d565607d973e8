// One CSV download: its file name, header and rows, written a line at a time as the rows are read
// (spreadsheet-csv.ts quotes the cells and keeps formulas from running), so a 200,000-row export
// never sits in memory whole.
import Decimal from "decimal.js";
import type { CustomerConsentView } from "../consent/customer-consent";
import { csvLine } from "../spreadsheet-csv";

export interface CsvExport {
  /** What the browser saves it as, e.g. `customers-2026-12-07.csv`. */
  fileName: string;
  header: readonly string[];
  /** The data rows, in order; read lazily, a page at a time. */
  rows: AsyncIterable<readonly string[]>;
}

/** The header line, then one line per row, each ending in CRLF. */
export async function* csvExportLines(csv: CsvExport): AsyncGenerator<string> {
  yield csvLine(csv.header);
  for await (const row of csv.rows) yield csvLine(row);
}

/**
 * The export as a byte stream that reads the next rows only when the client takes more. The first
 * page is read before answering, so a refusal or an unreachable database is still an error answer.
 * A failure once bytes are out cannot be: it is reported to `onError` and the download breaks off
 * (the browser shows it failed rather than saving a short file as whole).
 */
export async function openCsvExportStream(
  csv: CsvExport,
  onError: (error: unknown) => void,
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const lines = csvExportLines(csv);
  const header = await lines.next();
  const firstRow = await lines.next();
  const ready = [header, firstRow].flatMap((line) => (line.done ? [] : [line.value]));
  let done = firstRow.done === true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buffered = ready.shift();
      if (buffered !== undefined) return controller.enqueue(encoder.encode(buffered));
      if (done) return controller.close();
      try {
        const next = await lines.next();
        if (next.done) {
          done = true;
          controller.close();
        } else {
          controller.enqueue(encoder.encode(next.value));
        }
      } catch (error) {
        onError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}

/** An amount as exact text: at least cents, never rounded away ("" when there is none). */
export function moneyCell(value: Decimal | string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const amount = new Decimal(value.toString());
  return amount.toFixed(Math.max(2, amount.decimalPlaces()));
}

/** A time as ISO 8601 UTC ("" when there is none): unambiguous in any spreadsheet's locale. */
export function timeCell(value: Date | null | undefined): string {
  return value ? value.toISOString() : "";
}

/** The customer's email consent: granted, denied or unknown (consent/effective-consent.ts). */
export function emailConsentCell(consent: CustomerConsentView | undefined): string {
  return consent?.email.status ?? "unknown";
}

export function countCell(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** The day the export was made (UTC), for its file name. */
export function exportFileName(subject: string, now: Date): string {
  return `${subject}-${now.toISOString().slice(0, 10)}.csv`;
}
