// The format's grouping rule for an order's fields: its rows must agree on the order's date,
// customer, amounts and statuses (repeated on every row, or blank after the first: see
// GroupingRule); any disagreement rejects the whole order.
import type { ColumnField } from "./column-mapping";
import type { EcomCsvIssue } from "./ecom-order";
import type { GroupingRule } from "./formats";
import type { PendingOrder } from "./group-rows-into-orders";
import type { RowFields } from "./map-row-fields";

/** Order-level fields, each with whether its values may be quoted in a message (no personal data). */
const ORDER_FIELDS: ReadonlyArray<readonly [ColumnField, boolean]> = [
  ["placedAt", true],
  ["email", false],
  ["phone", false],
  ["phoneFallback", false],
  ["customerName", false],
  ["customerNameFallback", false],
  ["total", true],
  ["subtotal", true],
  ["tax", true],
  ["shipping", true],
  ["discount", true],
  ["paymentStatusCode", true],
  ["paymentStatusLabel", true],
  ["fulfillmentStatusCode", true],
  ["fulfillmentStatusLabel", true],
  ["xseriesOrderId", false],
  ["acceptsMarketing", true],
];

/** The check for this file's columns: adds an issue per order field its rows disagree on. */
export function createRowAgreementCheck(
  fields: RowFields,
  grouping: GroupingRule,
): (pending: PendingOrder, issues: EcomCsvIssue[]) => void {
  const checked = ORDER_FIELDS.filter(([field]) => fields.has(field));
  const blankAllowed = grouping.orderFields === "first-row";
  return ({ orderNumber, rows, lines }, issues) => {
    if (rows.length < 2) return;
    const first = rows[0] ?? [];
    const firstLine = lines[0] ?? 0;
    for (const [field, quotable] of checked) {
      const index = fields.indexOf(field);
      const expected = first[index] ?? "";
      let differing: number[] | null = null;
      let values: Set<string> | null = null;
      for (let r = 1; r < rows.length; r++) {
        const value = rows[r]?.[index] ?? "";
        if (value !== expected && !(blankAllowed && value === "")) {
          differing ??= [];
          values ??= new Set([expected]);
          differing.push(lines[r] ?? 0);
          values.add(value);
        }
      }
      if (differing === null || values === null) continue;
      const column = fields.columnName(field);
      const shown = quotable ? ` (${[...values].map((v) => `"${v}"`).join(" vs ")})` : "";
      issues.push({
        line: differing[0] ?? firstLine,
        column,
        orderNumber,
        message: `order ${orderNumber}: "${column}" differs between the order's rows on lines ${[firstLine, ...differing].join(", ")}${shown}; the whole order is rejected`,
        lines: [firstLine, ...differing],
      });
    }
  };
}
