// ParsedEcomOrder values for tests, shaped as the CSV parser yields them.
import { Prisma } from "@greenloop/db";
import type { EcomCsvBatch, EcomOrderItem, ParsedEcomOrder } from "@greenloop/order-sync/csv";

type Decimal = ParsedEcomOrder["total"];
export const dec = (value: string | number): Decimal =>
  new Prisma.Decimal(value) as unknown as Decimal;

export function ecomItem(position: number, overrides: Partial<EcomOrderItem> = {}): EcomOrderItem {
  return {
    position,
    sku: `SKU-${position}`,
    name: `Product ${position}`,
    options: "Amount:3.5G",
    quantity: dec(1),
    unitPrice: dec("25.00"),
    total: dec("25.00"),
    ...overrides,
  };
}

export function ecomOrder(
  orderNumber: string | number,
  overrides: Partial<ParsedEcomOrder> = {},
): ParsedEcomOrder {
  const n = Number(orderNumber);
  const items = overrides.items ?? [ecomItem(0), ecomItem(1)];
  const subtotal = items.reduce((sum, item) => sum + Number(item.total.toFixed()), 0);
  return {
    orderNumber: String(orderNumber),
    placedAt: new Date(Date.UTC(2026, 0, 6, 19, 15) + n * 60_000),
    email: `customer${n % 7}@example.com`,
    phone: ` +1615555${String(1000 + (n % 7)).padStart(4, "0")}`.trim(),
    customerName: `Customer ${n % 7}`,
    paymentStatusCode: "PAID",
    paymentStatusLabel: "Paid",
    fulfillmentStatusCode: "AWAITING_PROCESSING",
    fulfillmentStatusLabel: "Awaiting processing",
    subtotal: dec(subtotal.toFixed(2)),
    tax: dec("4.63"),
    shipping: dec(0),
    discount: null,
    total: dec((subtotal + 4.63).toFixed(2)),
    xseriesOrderIdHint: null,
    acceptsMarketing: null,
    items,
    records: items.map((item) => `${orderNumber};${item.sku ?? ""};`),
    rows: items.map((item) => ({
      order_number: String(orderNumber),
      sku: item.sku ?? "",
      utm: "",
    })),
    lines: items.map((_, i) => 2 + i),
    ...overrides,
  };
}

/** Orders `from`…`to` (inclusive), two items each. */
export function ecomOrders(from: number, to: number): ParsedEcomOrder[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ecomOrder(from + i));
}

/** Yields the orders as parser batches of `size`, with cumulative row counts. */
export async function* ecomBatches(
  orders: ParsedEcomOrder[],
  size: number,
  extra: { rejected?: EcomCsvBatch["rejected"]; failAtBatch?: number } = {},
): AsyncGenerator<EcomCsvBatch> {
  let rowsRead = 0;
  let rowsRejected = 0;
  for (let start = 0, index = 0; start < orders.length; start += size, index += 1) {
    if (extra.failAtBatch === index) throw new Error(`injected failure in batch ${index + 1}`);
    const slice = orders.slice(start, start + size);
    rowsRead += slice.reduce((sum, order) => sum + order.records.length, 0);
    const rejected = index === 0 ? (extra.rejected ?? []) : [];
    rowsRejected += rejected.length;
    yield { orders: slice, rejected, rowsRead, rowsRejected };
  }
}
