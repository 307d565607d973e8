// Reads the data records after the header with papaparse's low-level parser, fed chunk by chunk:
// only the unfinished last record is carried over, so memory stays at about one chunk. Each record
// goes to the caller as papaparse reads it, with its raw text, first line and row-level defect:
// handled at once, its fields die young, where a chunk's worth of rows kept would outlive the
// garbage collector's young generation (measured: 4× the GC time).
import Papa from "papaparse";
import type { CsvHeader } from "./read-csv-header";
import type { TextChunkReader } from "./read-text-chunks";

export interface CsvRecord {
  /** The record's fields as papaparse read them. */
  row: string[];
  /** The record exactly as in the file (quotes kept), without the line break that ends it. */
  text: string;
  /** 1-based physical line the record starts on. */
  line: number;
  /** A row-level defect (bad quotes, wrong field count, a NUL), or null. */
  problem: string | null;
  /** The header name of the column the defect is in, when it is in one. */
  problemColumn: string | null;
}

/** Where reading stopped because one record grew past `maxRecordChars`. */
export interface UnreadableRest {
  line: number;
  /** The first fields of the record that never ended, as far as they can be read. */
  row: string[];
  message: string;
}

/** Where the records go. */
export interface CsvRecordSink {
  record(record: CsvRecord): void;
  /** Reading stopped early: called once, after the last record. */
  unreadable(rest: UnreadableRest): void;
}

/** How this file writes records: its delimiter and line break (quotes are always `"`). */
export interface CsvDialect {
  delimiter: string;
  newline: CsvHeader["newline"];
}

export interface ReadCsvRecordsOptions {
  delimiter: string;
  headers: readonly string[];
  /** A single record longer than this is treated as an unterminated quote. */
  maxRecordChars: number;
}

/** What papaparse's low-level parser hands to `step`: one row, its errors, the cursor past it. */
interface StepResult {
  data: string[][];
  errors: Array<{ code: string }>;
  meta: { cursor: number };
}

/** papaparse's settings for a dialect. */
export function papaConfigOf({ delimiter, newline }: CsvDialect) {
  return { delimiter, newline, quoteChar: '"' };
}

function countChar(text: string, ch: string): number {
  let count = 0;
  for (let at = text.indexOf(ch); at !== -1; at = text.indexOf(ch, at + 1)) count++;
  return count;
}

// Past the sample checked at the start: PostgreSQL cannot store a NUL in text.
const NUL_IN_FIELD = "a NUL character (binary data) in the field, which cannot be stored";

/** A defect that spoils the whole row, or null. */
function rowProblem(
  row: string[],
  text: string,
  error: { code: string } | undefined,
  fieldCount: number,
): string | null {
  if (error !== undefined) {
    return error.code === "MissingQuotes"
      ? "unterminated quoted field (is the file truncated?)"
      : "malformed quotes: a closing quote is not followed by the delimiter or a line end";
  }
  if (row.length !== fieldCount) return `expected ${fieldCount} fields, found ${row.length}`;
  return text.includes("\u0000") ? NUL_IN_FIELD : null;
}

/**
 * Hands the records that follow `header` to `sink` (blank lines skipped), and yields after each
 * chunk, so the caller can pass on what the chunk completed before the next is read.
 */
export async function* readCsvRecords(
  chunks: TextChunkReader,
  header: CsvHeader,
  { delimiter, headers, maxRecordChars }: ReadCsvRecordsOptions,
  sink: CsvRecordSink,
): AsyncGenerator<void> {
  const { newline } = header;
  const lineBreak = newline === "\r" ? "\r" : "\n";
  const papaConfig = papaConfigOf({ delimiter, newline });
  // The text papaparse is working through, and where in it the next record starts.
  let chunk = "";
  let recordStart = 0;
  let nextLine = 2;
  const onRecord = (result: StepResult): void => {
    const end = result.meta.cursor;
    const stop = chunk.endsWith(newline, end) ? end - newline.length : end;
    const text = chunk.slice(recordStart, stop);
    recordStart = end;
    const line = nextLine;
    nextLine += text.indexOf(lineBreak) === -1 ? 1 : 1 + countChar(text, lineBreak);
    const row = result.data[0] ?? [];
    const error = result.errors[0];
    if (error === undefined && row.length === 1 && row[0] === "") return; // blank line
    const problem = rowProblem(row, text, error, headers.length);
    const problemColumn =
      problem === NUL_IN_FIELD
        ? (headers[row.findIndex((value) => value.includes("\u0000"))] ?? null)
        : null;
    sink.record({ row, text, line, problem, problemColumn });
  };

  const parser = new Papa.Parser({ ...papaConfig, step: onRecord });
  let carry = header.rest;
  let final = header.exhausted;
  for (;;) {
    chunk = carry;
    if (!final) {
      const next = await chunks.next(carry);
      if (next === null) final = true;
      else chunk = next;
    }
    recordStart = 0;
    const result = parser.parse(chunk, 0, !final) as { meta: { cursor: number } };
    carry = chunk.slice(result.meta.cursor);
    chunk = "";
    yield;
    if (final) return;
    if (carry.length > maxRecordChars) {
      // Only an unterminated quote makes one record this long: stop rather than buffer the file.
      const head = new Papa.Parser(papaConfig).parse(carry.slice(0, 65_536), 0, false) as {
        data: string[][];
      };
      await chunks.close();
      sink.unreadable({
        line: nextLine,
        row: head.data[0] ?? [],
        message: `unterminated quoted field: no record end within ${maxRecordChars} characters from this line; the rest of the file was not read`,
      });
      return;
    }
  }
}
