// Writes the eCom order export exactly like the E-Series admin does (ecom-csv.md §1): `;`
// separated, one row per line item with the order fields repeated, newest order first, LF endings,
// local-time timestamps without offset, money with two decimals, status label + code columns.

import { ALWAYS_QUOTED_COLUMNS, ECOM_CSV_COLUMNS } from "./ecom-csv-header";
import type { EcomOrder, EcomOrderLine } from "./resource-types";
import { formatEcomTimestamp, formatLocalDateTime } from "./store-local-time";
import { formatCents, HOUR_MS, MINUTE_MS } from "./wire-format";

export interface ExportEcomCsvInput {
  orders: readonly EcomOrder[];
  nowMs: number;
  timeZone: string;
  /** Shown as the pickup `shipping_method`. */
  shopName: string;
  taxNames?: readonly string[];
}

const defaultTaxNames = ["State & Local Tax", "Privilege Tax"];

export function exportEcomCsv(input: ExportEcomCsvInput): string {
  const header = ECOM_CSV_COLUMNS.map((column) => quoteIfNeeded(column, false)).join(";");
  const lines = [header];
  const newestFirst = [...input.orders].sort(
    (a, b) => b.placedAtMs - a.placedAtMs || Number(b.orderNumber) - Number(a.orderNumber),
  );
  for (const order of newestFirst) {
    for (const line of order.lines) {
      const values = rowValues(order, line, input);
      lines.push(
        ECOM_CSV_COLUMNS.map((column) =>
          quoteIfNeeded(values[column] ?? "", ALWAYS_QUOTED_COLUMNS.has(column)),
        ).join(";"),
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** RFC 4180 quoting as the real export does it: on newline, `"`, `;` or a leading space. */
export function quoteIfNeeded(value: string, always: boolean): string {
  if (always || /[\n\r";]/.test(value) || value.startsWith(" ")) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

function rowValues(
  order: EcomOrder,
  line: EcomOrderLine,
  input: ExportEcomCsvInput,
): Record<string, string> {
  const taxNames = input.taxNames ?? defaultTaxNames;
  const { payment, fulfillment } = statusesAt(order, input.nowMs);
  const pickup = order.fulfillment === "pickup";
  const address = order.address;
  const values: Record<string, string> = {
    order_number: order.orderNumber,
    email: order.email,
    sku: line.sku,
    name: line.name,
    weight: "0.00",
    price: formatCents(line.priceCents),
    total: formatCents(line.priceCents * line.quantity),
    quantity: String(line.quantity),
    options: line.option,
    tax_details: line.taxCents
      .map((cents, i) =>
        cents > 0 ? `${taxNames[i] ?? `Tax ${i + 1}`}:$${formatCents(cents)}` : null,
      )
      .filter((entry) => entry !== null)
      .join("\n"),
    customer_tax_exempt: "false",
    customer_tax_id: "",
    reversed_tax_applied: "false",
    timestamp: formatEcomTimestamp(order.placedAtMs, input.timeZone),
    shipto_person_name: order.personName,
    shipto_person_street_1: address?.street ?? "",
    shipto_person_city: address?.city ?? "",
    shipto_person_country_code: address ? "US" : "",
    shipto_person_postal_code: address?.postalCode ?? "",
    shipto_person_state_code: address?.stateCode ?? "",
    shipto_person_country_name: address ? "United States" : "",
    shipto_person_state_name: address?.stateName ?? "",
    shipto_person_phone: order.phone ?? "",
    payment_method: "Credit or debit card",
    shipping_method: pickup ? input.shopName : "Local delivery",
    payment_status: payment.label,
    fulfillment_status: fulfillment.label,
    payment_status_code: payment.code,
    fulfillment_status_code: fulfillment.code,
    order_subtotal: formatCents(order.subtotalCents),
    order_tax: formatCents(order.taxCents.reduce((sum, cents) => sum + cents, 0)),
    order_shipping: formatCents(order.shippingCents),
    order_handling_fee: "0.00",
    order_total: formatCents(order.totalCents),
    order_tracking_number: fulfillment.code === "SHIPPED" ? order.trackingNumber : "",
    coupon_discount: "0.00",
    volume_discount: "0.00",
    detail_discount:
      "volume_discount:0.00;customer_group_discount:0.00;customer_group_volume_discount:0.00;shipping_discount:0.00",
    // Redeemed loyalty points reduce the eCom total; X-Series shows them as a `Loyalty` payment.
    discount: formatCents(order.loyaltyCents),
    order_weight: "0.0",
    order_comments: order.comments,
    customer_ipaddress: order.ipAddress,
    accept_marketing: order.acceptMarketing ? "true" : "false",
    gift_card_redemption: "0.00",
    pickup_time:
      order.pickupAtMs === null ? "" : formatEcomTimestamp(order.pickupAtMs, input.timeZone),
    payment_transaction_id: order.transactionId,
    "Pickup date and time":
      order.pickupAtMs === null ? "" : formatLocalDateTime(order.pickupAtMs, input.timeZone),
    null: pickup ? "DATE_AND_TIME" : "",
    // The link back to X-Series lags: empty until synced, and for some synced orders too.
    "X-series Order ID": order.saleId && !order.csvLinkLags ? order.saleId : "",
    language: "en",
  };
  order.taxCents.forEach((cents, i) => {
    if (i >= 4) return;
    values[`order_tax_${i + 1}_name`] = cents > 0 ? (taxNames[i] ?? "") : "";
    values[`order_tax_${i + 1}_value`] = cents > 0 ? formatCents(cents) : "";
  });
  return values;
}

interface StatusPair {
  label: string;
  code: string;
}

/** Status columns as they stand at `nowMs`: new orders get processed, then picked up / shipped. */
function statusesAt(
  order: EcomOrder,
  nowMs: number,
): { payment: StatusPair; fulfillment: StatusPair } {
  const age = nowMs - order.placedAtMs;
  const payment = { label: "Paid", code: "ACCEPTED" };
  if (order.fulfillment === "pickup") {
    if (age < 15 * MINUTE_MS)
      return { payment, fulfillment: { label: "Awaiting Processing", code: "NEW" } };
    // Stores rarely mark pickups delivered in eCom (ecom-csv.md §1.8): most stay Ready For Pickup.
    if (order.closedOnArrival && Number(order.orderNumber) % 8 === 0) {
      return { payment, fulfillment: { label: "Delivered", code: "DELIVERED" } };
    }
    return { payment, fulfillment: { label: "Ready For Pickup", code: "READY_FOR_PICKUP" } };
  }
  if (age < HOUR_MS) return { payment, fulfillment: { label: "Awaiting Processing", code: "NEW" } };
  if (age < 24 * HOUR_MS)
    return { payment, fulfillment: { label: "Processing", code: "PROCESSING" } };
  return { payment, fulfillment: { label: "Shipped", code: "SHIPPED" } };
}
