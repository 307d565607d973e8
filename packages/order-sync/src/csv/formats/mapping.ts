// A user-supplied column mapping as a format: never auto-detected (passing a mapping chooses it),
// every column it names required, the E-Series time and status-label rules, and order fields
// allowed to be blank on an order's later rows.
import { type ColumnMapping, parseColumnMapping } from "../column-mapping";
import { defineEcomExportFormat, type EcomExportFormat } from "./ecom-export-format";
import { ecwidStatusRule } from "./ecwid";
import { exportTimeRule } from "./export-timestamps";

/** The format a mapping describes. Throws DomainError BAD_INPUT for an invalid mapping. */
export function mappingFormat(mapping: ColumnMapping): EcomExportFormat<"mapping"> {
  const columns = parseColumnMapping(mapping);
  const named = Object.values(columns).filter((name) => name !== undefined);
  return defineEcomExportFormat({
    name: "mapping",
    label: "column mapping",
    header: {
      signature: [],
      required: [...new Set(named)],
      describeMissing: (where, missing) =>
        `${where} lacks the column(s) named by the column mapping: ${missing}`,
    },
    columns,
    time: exportTimeRule,
    status: ecwidStatusRule,
    grouping: { orderFields: "first-row" },
  });
}
