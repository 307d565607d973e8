// A plain-text table for the terminal: columns padded to their widest cell, the last one (the
// free text) wrapped at word boundaries under itself so rows stay readable in a narrow window.
import { wrapText } from "./wrap-text";

export interface TableOptions {
  /** The terminal's width. */
  width: number;
  /** Columns aligned right (numbers), by index. */
  alignRight?: readonly number[];
}

/** Narrower than this, the last column is not worth wrapping: it runs on instead. */
const MIN_LAST_COLUMN = 20;

export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  options: TableOptions,
): string[] {
  const last = headers.length - 1;
  const widths = headers.map((header, column) =>
    column === last ? 0 : Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const lead = widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  const lastWidth = Math.max(MIN_LAST_COLUMN, options.width - lead);
  const pad = (text: string, column: number) =>
    options.alignRight?.includes(column)
      ? text.padStart(widths[column] ?? 0)
      : text.padEnd(widths[column] ?? 0);
  const line = (row: readonly string[]) => {
    const cells = row.slice(0, last).map((cell, column) => `${pad(cell, column)}  `);
    const [first = "", ...more] = wrapText(row[last] ?? "", { width: lastWidth });
    return [
      `${cells.join("")}${first}`.trimEnd(),
      ...more.map((text) => `${" ".repeat(lead)}${text}`),
    ];
  };
  return [line(headers)[0] ?? "", ...rows.flatMap(line)];
}
