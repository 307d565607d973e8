// Turns an eCom order into the X-Series sale the integration creates, matching what real synced
// sales look like (ecom-csv.md §4.2): `source` "ecw:<store id>", `source_id` = order number, a note
// starting `Order ID:<n>`, the online register, `Square (Online)` (+ `Loyalty`) payments.
import type { EcomOrder, Sale } from "./resource-types";
import { buildSale, type SaleLineInput, type SalePaymentInput } from "./sale-builder";
import type { SeededRandom } from "./seeded-random";
import type { StoreFixtures } from "./store-fixtures";
import { formatPickupNoteTime } from "./store-local-time";
import { formatCents } from "./wire-format";

export interface BuildEcomSaleInput {
  random: SeededRandom;
  order: EcomOrder;
  fixtures: StoreFixtures;
  ecomStoreId: string;
  customerId: string;
  invoiceSequence: number;
  arrivedAtMs: number;
  timeZone: string;
}

export function buildEcomSale(input: BuildEcomSaleInput): Sale {
  const { order, fixtures } = input;
  const productsById = new Map(
    [...fixtures.products, ...fixtures.retiredProducts].map((product) => [product.id, product]),
  );
  const lines: SaleLineInput[] = order.lines.map((line) => {
    const product = productsById.get(line.productId);
    if (!product) throw new Error(`unknown product ${line.productId}`);
    return { product, quantity: line.quantity, priceCents: line.priceCents };
  });
  // X-Series often shows one line more than the export: the delivery fee (ecom-csv.md §4.2).
  if (order.shippingCents > 0) {
    lines.push({
      product: fixtures.deliveryFee,
      quantity: 1,
      priceCents: order.shippingCents,
      taxable: false,
    });
  }
  const payments: SalePaymentInput[] = [
    { type: fixtures.paymentTypes.squareOnline, cents: order.totalCents },
  ];
  if (order.loyaltyCents > 0) {
    payments.push({ type: fixtures.paymentTypes.loyalty, cents: order.loyaltyCents });
  }
  const pickup = order.fulfillment === "pickup";
  const status = order.closedOnArrival
    ? pickup
      ? "PICKED_UP_CLOSED"
      : "DISPATCHED_CLOSED"
    : pickup
      ? "AWAITING_PICKUP"
      : "AWAITING_DISPATCH";
  return buildSale({
    random: input.random,
    outletId: fixtures.outlet.id,
    registerId: fixtures.onlineRegister.id,
    userId: fixtures.users[0]?.id ?? fixtures.outlet.id,
    customerId: input.customerId,
    invoiceSequence: input.invoiceSequence,
    source: `ecw:${input.ecomStoreId}`,
    sourceId: order.orderNumber,
    status,
    note: buildEcomSaleNote(order, input.timeZone),
    saleDateMs: order.placedAtMs,
    createdAtMs: input.arrivedAtMs,
    lines,
    taxRates: fixtures.taxRates,
    taxGroupId: fixtures.taxGroupId,
    noTaxId: fixtures.noTaxId,
    payments,
    loyaltyRate: 0.05,
  });
}

/**
 * The observed note starts `Order ID:<number>` and continues with labelled blocks. The exact
 * layout between blocks is UNCONFIRMED; we put each label and its value on their own lines.
 */
export function buildEcomSaleNote(order: EcomOrder, timeZone: string): string {
  const blocks = [`Order ID:${order.orderNumber}`];
  if (order.pickupAtMs !== null) {
    blocks.push(`Pickup time:\n${formatPickupNoteTime(order.pickupAtMs, timeZone)}`);
  }
  if (order.address) {
    const a = order.address;
    blocks.push(
      `Shipping Address:\n${order.personName}\n${a.street}\n${a.city}, ${a.stateCode} ${a.postalCode}`,
    );
  }
  if (order.comments) blocks.push(`Order Comments:\n${order.comments}`);
  if (order.loyaltyCents > 0) {
    blocks.push(`Total Discount Amount:\n$${formatCents(order.loyaltyCents)}`);
  }
  return blocks.join("\n");
}
