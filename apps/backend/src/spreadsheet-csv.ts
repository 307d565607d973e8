// CSV meant for spreadsheets, written by papaparse: RFC 4180 quoting, CRLF line ends, and every
// cell a spreadsheet could run as a formula (=, +, -, @, tab, CR first) prefixed with ' so it
// stays text. The neutralising is ours, not papaparse's `escapeFormulae`: that one also quotes
// every such cell (changing the bytes of a plain negative amount) and misses a formula followed by
// a line break (its pattern's `.` stops at the break).
import Papa from "papaparse";

const formulaStart = /^[=+\-@\t\r]/;

/** `value` as text a spreadsheet will not evaluate. */
export function neutraliseFormula(value: string): string {
  // A negative amount also starts with "-": it is written as text too, which is the safe side.
  return formulaStart.test(value) ? `'${value}` : value;
}

/** One line of cells, neutralised, quoted where they need to be, ending in CRLF. */
export function csvLine(cells: readonly string[]): string {
  return `${Papa.unparse([cells.map(neutraliseFormula)], { newline: "\r\n" })}\r\n`;
}

/** One cell as it appears in a line. */
export function csvCell(value: string): string {
  return csvLine([value]).slice(0, -2);
}
