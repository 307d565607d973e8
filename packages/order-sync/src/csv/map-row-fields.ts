// Maps a row's cells to the fields of an order and its item, through the format's column mapping
// and the file's header: a column index per field, found once per file, read per cell.
import { COLUMN_FIELDS, type ColumnField, type ColumnMapping } from "./column-mapping";

/** A row's fields by name; a field the mapping leaves out, or the header lacks, reads as "". */
export class RowFields {
  private readonly columns = {} as Record<ColumnField, number>;

  constructor(
    private readonly mapping: ColumnMapping,
    headers: readonly string[],
  ) {
    for (const field of COLUMN_FIELDS) {
      const name = mapping[field];
      this.columns[field] = name === undefined ? -1 : headers.indexOf(name);
    }
  }

  /** Whether the file has a column for `field`. */
  has(field: ColumnField): boolean {
    return this.columns[field] >= 0;
  }

  /** The field's column: its position in the row, -1 when the file has none. */
  indexOf(field: ColumnField): number {
    return this.columns[field];
  }

  /** The header name of the field's column (for messages), null when unmapped. */
  columnName(field: ColumnField): string | null {
    return this.mapping[field] ?? null;
  }

  /** The cell as written. */
  cell(row: string[], field: ColumnField): string {
    const index = this.columns[field];
    return index < 0 ? "" : (row[index] ?? "");
  }

  /** The cell trimmed, null when blank. */
  text(row: string[], field: ColumnField): string | null {
    const value = this.cell(row, field).trim();
    return value === "" ? null : value;
  }
}
