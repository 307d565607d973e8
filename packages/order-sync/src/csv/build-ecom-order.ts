// Converts an order's checked rows into a ParsedEcomOrder: exact Decimals, statuses through the
// format's status rule, the records kept verbatim.
import { Decimal } from "decimal.js";
import type { ColumnField } from "./column-mapping";
import { createDecimalCache } from "./decimal-cache";
import type { EcomOrderItem, ParsedEcomOrder } from "./ecom-order";
import type { EcomExportFormat } from "./formats";
import type { PendingOrder } from "./group-rows-into-orders";
import type { RowFields } from "./map-row-fields";
import { readMarketingConsent } from "./marketing-consent";

export interface OrderBuilderOptions {
  fields: RowFields;
  format: EcomExportFormat;
  /** `order.rows`: the records parsed again, on demand. */
  readRows(records: string[]): Array<Record<string, string>>;
}

/**
 * The converter for this file; call it only on orders whose values passed the checks, with the
 * order's time as the checks read it.
 */
export function createOrderBuilder({
  fields,
  format,
  readRows,
}: OrderBuilderOptions): (pending: PendingOrder, placedAt: Date) => ParsedEcomOrder {
  const { status } = format;
  const decimal = createDecimalCache();
  const text = (row: string[], field: ColumnField) => fields.text(row, field);
  const money = (row: string[], field: ColumnField): Decimal | null => {
    const value = text(row, field);
    return value === null ? null : decimal(value);
  };
  const statusCode = (
    row: string[],
    codeField: ColumnField,
    labelField: ColumnField,
    codeFromLabel: (label: string) => string | null,
  ): string | null => {
    const code = text(row, codeField);
    if (code !== null) return status.normalizeCode(code);
    const label = text(row, labelField);
    return label === null ? null : codeFromLabel(label);
  };

  return (pending, placedAt) => {
    const first = pending.rows[0] ?? [];
    const items: EcomOrderItem[] = pending.rows.map((row, position) => {
      const quantity = decimal(fields.cell(row, "itemQuantity").trim());
      const unitPrice = decimal(fields.cell(row, "itemPrice").trim());
      const sku = fields.cell(row, "itemSku");
      return {
        position,
        sku: sku === "" ? null : sku,
        name: fields.cell(row, "itemName"),
        options: text(row, "itemOptions"),
        quantity,
        unitPrice,
        // Rounded as the database rounds numeric(19, 5) (half away from zero), so the value
        // hashed is the value stored.
        total:
          money(row, "itemTotal") ??
          unitPrice.times(quantity).toDecimalPlaces(5, Decimal.ROUND_HALF_UP),
      };
    });
    const records = pending.records;
    return {
      orderNumber: pending.orderNumber,
      placedAt,
      email: text(first, "email")?.toLowerCase() ?? null,
      phone: text(first, "phone") ?? text(first, "phoneFallback"),
      customerName: text(first, "customerName") ?? text(first, "customerNameFallback"),
      paymentStatusCode: statusCode(
        first,
        "paymentStatusCode",
        "paymentStatusLabel",
        status.paymentCodeFromLabel,
      ),
      paymentStatusLabel: text(first, "paymentStatusLabel"),
      fulfillmentStatusCode: statusCode(
        first,
        "fulfillmentStatusCode",
        "fulfillmentStatusLabel",
        status.fulfillmentCodeFromLabel,
      ),
      fulfillmentStatusLabel: text(first, "fulfillmentStatusLabel"),
      subtotal: money(first, "subtotal"),
      tax: money(first, "tax"),
      shipping: money(first, "shipping"),
      discount: money(first, "discount"),
      total: money(first, "total") as Decimal,
      xseriesOrderIdHint: text(first, "xseriesOrderId"),
      // Checked readable by the value check: only a blank cell (or no column) is left unknown.
      acceptsMarketing: readMarketingConsent(text(first, "acceptsMarketing")) ?? null,
      items,
      records,
      get rows() {
        return readRows(records);
      },
      lines: pending.lines,
    };
  };
}
