// Checks an order's values before they are converted: a date the format's time rule reads, and
// amounts and quantities that are numbers the database holds exactly (numeric(19, 5)): more digits
// are refused, never rounded or overflowed.
import { Decimal } from "decimal.js";
import type { ColumnField } from "./column-mapping";
import type { EcomCsvIssue } from "./ecom-order";
import type { TimeRule } from "./formats";
import type { PendingOrder } from "./group-rows-into-orders";
import { joinWithOr } from "./join-with-or";
import type { RowFields } from "./map-row-fields";
import { marketingAnswers, readMarketingConsent } from "./marketing-consent";
import type { ZoneOffsets } from "./zone-offsets";

const MONEY = /^[+-]?\d+(\.\d+)?$/;
const QUANTITY = /^\d+(\.\d+)?$/;
const STORABLE_AMOUNT = /^[+-]?\d{1,14}(\.\d{1,5})?$/;
const AMOUNT_LIMITS = "at most 14 digits before the decimal point and 5 after";
const MAX_AMOUNT = new Decimal("1e14");
const ORDER_AMOUNTS = ["subtotal", "tax", "shipping", "discount"] as const;

/**
 * The check for this file's columns: adds an issue per value that cannot be converted, and
 * returns the order's time, read once here for the converter (null when it does not read).
 */
export function createValueCheck(
  fields: RowFields,
  time: TimeRule,
  zone: ZoneOffsets,
): (pending: PendingOrder, issues: EcomCsvIssue[]) => Date | null {
  const optionalAmounts = ORDER_AMOUNTS.filter((field) => fields.has(field));
  const hasItemTotal = fields.has("itemTotal");
  const hasMarketing = fields.has("acceptsMarketing");
  return ({ orderNumber, rows, lines }, issues) => {
    const first = rows[0] ?? [];
    const firstLine = lines[0] ?? 0;
    const placedAtText = fields.cell(first, "placedAt").trim();
    const placedAt = time.parse(placedAtText, zone);
    if (placedAt === null) {
      issues.push({
        line: firstLine,
        column: fields.columnName("placedAt"),
        orderNumber,
        message:
          placedAtText === ""
            ? `order ${orderNumber}: the order date is empty`
            : `order ${orderNumber}: unparseable date "${placedAtText}" (expected e.g. ${joinWithOr(time.examples.map((shape) => `"${shape}"`))})`,
      });
    }
    const checkAmount = (row: string[], line: number, field: ColumnField, required: boolean) => {
      const value = fields.cell(row, field).trim();
      if (value === "" ? !required : STORABLE_AMOUNT.test(value)) return;
      const column = fields.columnName(field);
      issues.push({
        line,
        column,
        orderNumber,
        message:
          value === ""
            ? `order ${orderNumber}: "${column}" is empty`
            : MONEY.test(value)
              ? `order ${orderNumber}: "${column}" has too many digits (${AMOUNT_LIMITS}): "${value}"`
              : `order ${orderNumber}: "${column}" is not a number: "${value}"`,
      });
    };
    checkAmount(first, firstLine, "total", true);
    if (
      hasMarketing &&
      readMarketingConsent(fields.text(first, "acceptsMarketing")) === undefined
    ) {
      const column = fields.columnName("acceptsMarketing");
      issues.push({
        line: firstLine,
        column,
        orderNumber,
        message: `order ${orderNumber}: "${column}" is not a marketing answer: "${fields.cell(first, "acceptsMarketing").trim()}" (expected ${marketingAnswers})`,
      });
    }
    for (const field of optionalAmounts) checkAmount(first, firstLine, field, false);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const line = lines[r] ?? 0;
      const quantity = fields.cell(row, "itemQuantity").trim();
      if (!QUANTITY.test(quantity) || !STORABLE_AMOUNT.test(quantity)) {
        issues.push({
          line,
          column: fields.columnName("itemQuantity"),
          orderNumber,
          message: QUANTITY.test(quantity)
            ? `order ${orderNumber}: item quantity has too many digits (${AMOUNT_LIMITS}): "${quantity}"`
            : `order ${orderNumber}: item quantity is not a number: "${quantity}"`,
        });
      }
      checkAmount(row, line, "itemPrice", true);
      if (hasItemTotal) checkAmount(row, line, "itemTotal", false);
      const price = fields.cell(row, "itemPrice").trim();
      if (
        fields.text(row, "itemTotal") === null &&
        STORABLE_AMOUNT.test(price) &&
        STORABLE_AMOUNT.test(quantity) &&
        new Decimal(price).times(quantity).abs().gte(MAX_AMOUNT)
      ) {
        issues.push({
          line,
          column: fields.columnName("itemPrice"),
          orderNumber,
          message: `order ${orderNumber}: item price × quantity is more than an amount can hold (${AMOUNT_LIMITS})`,
        });
      }
    }
    return placedAt;
  };
}
