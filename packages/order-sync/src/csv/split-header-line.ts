// A header row's cells: which of `;`, `,` or tab separates them, then the cells, trimmed.

/** Splits one header line into trimmed cells, honouring `""` quoting (header cells never span lines). */
export function splitHeaderLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** The delimiter used by a header line: whichever of `;`, `,`, tab occurs most outside quotes. */
function detectDelimiter(headerLine: string): ";" | "," | "\t" {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ";" || ch === "," || ch === "\t")) counts[ch]++;
  }
  if (counts["\t"] >= counts[";"] && counts["\t"] >= counts[","] && counts["\t"] > 0) return "\t";
  return counts[";"] >= counts[","] ? ";" : ",";
}

/** The delimiter and the trimmed cells of a header line (a leading BOM and a line break ignored). */
export function readHeaderRow(headerLine: string): {
  delimiter: ";" | "," | "\t";
  headers: string[];
} {
  const line = headerLine.replace(/^\uFEFF/, "").replace(/\r?\n?$/, "");
  const delimiter = detectDelimiter(line);
  return { delimiter, headers: splitHeaderLine(line, delimiter) };
}
