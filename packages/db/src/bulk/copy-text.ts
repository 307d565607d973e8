// Rows in PostgreSQL's COPY text format: one line per row, columns separated by tabs, `\N` for
// NULL, and backslash, tab, newline and carriage return escaped with a backslash.

export type CopyValue = string | number | null;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function copyTextValue(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new RangeError(`COPY value is not a finite number: ${value}`);
    return String(value);
  }
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c] ?? c) : value;
}

/** The rows as COPY text, every line ending in a newline (an empty string for no rows). */
export function copyText(rows: Iterable<readonly CopyValue[]>): string {
  return [...copyTextChunks(rows)].join("");
}

/**
 * The rows as COPY text in pieces of `rowsPerChunk` rows, so a big load is sent as it is encoded
 * instead of held as one string.
 */
export function* copyTextChunks(
  rows: Iterable<readonly CopyValue[]>,
  rowsPerChunk = 1_000,
): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(row.map(copyTextValue).join("\t"));
    if (lines.length >= rowsPerChunk) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}
