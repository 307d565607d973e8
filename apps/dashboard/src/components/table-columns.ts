// A table's header cells, written short: "Job" is a plain header, "" an unlabelled one (a column
// of buttons), num("Orders") a right-aligned number column, false (an operator-only column for a
// viewer) no column at all.
import type { ReactNode } from "react";

export interface TableColumn {
  label?: ReactNode;
  className?: string;
}

export type ColumnSpec = string | TableColumn | false | null | undefined;

/** A right-aligned column of numbers. */
export function num(label: ReactNode): TableColumn {
  return { label, className: "num" };
}

/** The header cells to render: strings as labels, false/null/undefined left out. */
export function tableColumns(specs: readonly ColumnSpec[]): TableColumn[] {
  return specs.flatMap((spec) => {
    if (spec === false || spec === null || spec === undefined) return [];
    return [typeof spec === "string" ? { label: spec } : spec];
  });
}
