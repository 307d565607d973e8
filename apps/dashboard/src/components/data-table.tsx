// A table's frame: the header row from column specs, the body rows the caller renders, an
// optional footer, and the scroller every table sits in, so a table wider than a phone scrolls
// sideways inside its panel instead of widening the page.
import type { ReactNode } from "react";
import { type ColumnSpec, tableColumns } from "./table-columns";

export function DataTable({
  columns,
  children,
  foot,
  className = "table compact",
  stale = false,
  testId,
}: {
  columns: readonly ColumnSpec[];
  /** The body's rows. */
  children: ReactNode;
  /** The footer's rows. */
  foot?: ReactNode;
  className?: string;
  /** The rows are the previous filter's, shown dimmed while the new ones load (`aria-busy`). */
  stale?: boolean;
  testId?: string;
}) {
  return (
    <div className="table-scroll">
      <table
        className={stale ? `${className} stale` : className}
        aria-busy={stale}
        data-testid={testId}
      >
        <thead>
          <tr>
            {tableColumns(columns).map((column, index) => (
              <th key={index} className={column.className}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  );
}
