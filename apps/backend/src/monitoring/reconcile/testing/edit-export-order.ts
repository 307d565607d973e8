// For the reconciliation tests: edits a simulated eCom export the way a person would in a
// spreadsheet (change an order's cells), keeping the export's `;` format and quoting.

/** Sets `patch`'s columns on every row of `orderNumber`; returns the edited export. */
export function editExportOrder(
  csv: string,
  orderNumber: string,
  patch: Record<string, string>,
): string {
  const [header = [], ...rows] = parseRecords(csv);
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  };
  const numberIndex = column("order_number");
  let edited = 0;
  for (const row of rows) {
    if (row[numberIndex] !== orderNumber) continue;
    for (const [name, value] of Object.entries(patch)) row[column(name)] = value;
    edited += 1;
  }
  if (edited === 0) throw new Error(`no rows for order ${orderNumber}`);
  return [header, ...rows].map((row) => `${row.map(quote).join(";")}\n`).join("");
}

function quote(value: string): string {
  return /[\n\r";]/.test(value) || value.startsWith(" ") ? `"${value.replace(/"/g, '""')}"` : value;
}

// RFC 4180 with `;`: quoted fields may hold `;`, `""` and line breaks.
function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ";") {
      record.push(field);
      field = "";
    } else if (char === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else if (char !== "\r") field += char;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  return records;
}
