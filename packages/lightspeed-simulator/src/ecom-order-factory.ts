// Creates eCom (E-Series) orders as the storefront records them: lines with per-tax amounts,
// shipping for deliveries, loyalty points redeemed as a discount.
import { fakeIpAddress, formatEcomPhone } from "./fake-people";
import type {
  EcomAddress,
  EcomFulfillment,
  EcomOrder,
  EcomOrderLine,
  Product,
  TaxRate,
} from "./resource-types";
import type { SeededRandom } from "./seeded-random";
import { HOUR_MS, MINUTE_MS } from "./wire-format";

export interface EcomBuyer {
  firstName: string;
  lastName: string;
  email: string;
  phoneDigits: string | null;
  address: EcomAddress;
}

export interface CreateEcomOrderInput {
  random: SeededRandom;
  orderNumber: string;
  buyer: EcomBuyer;
  placedAtMs: number;
  delayMs: number;
  fulfillment?: EcomFulfillment;
  lines: { product: Product; quantity: number }[];
  loyaltyCents?: number;
  comments?: string;
  /** The buyer's answer to the checkout's marketing question (default: drawn, 60% yes). */
  acceptMarketing?: boolean;
  taxRates: readonly TaxRate[];
  deliveryFeeCents: number;
  /** How likely the synced sale is already closed on arrival (old orders got picked up). */
  closedOnArrivalChance: number;
}

/** Deliveries over this subtotal ship free (the store's promo column says "$100 Min"). */
const freeShippingFromCents = 10_000;

export function createEcomOrder(input: CreateEcomOrderInput): EcomOrder {
  const { random } = input;
  const fulfillment = input.fulfillment ?? (random.chance(0.6) ? "pickup" : "delivery");
  const lines: EcomOrderLine[] = input.lines.map(({ product, quantity }) => ({
    productId: product.id,
    sku: product.sku,
    name: product.name,
    option: product.option,
    priceCents: product.priceCents,
    quantity,
    // Same rounding as the X-Series side (per line, per tax), so both systems agree to the cent.
    taxCents: input.taxRates.map((rate) => Math.round(product.priceCents * quantity * rate.rate)),
  }));
  const subtotalCents = lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  const taxCents = input.taxRates.map((_, i) =>
    lines.reduce((sum, line) => sum + (line.taxCents[i] ?? 0), 0),
  );
  const shippingCents =
    fulfillment === "delivery" && subtotalCents < freeShippingFromCents
      ? input.deliveryFeeCents
      : 0;
  const taxTotal = taxCents.reduce((sum, cents) => sum + cents, 0);
  const loyaltyCents = Math.min(input.loyaltyCents ?? 0, Math.floor(subtotalCents / 2));
  const pickupAtMs =
    fulfillment === "pickup"
      ? roundUpTo(input.placedAtMs + random.int(1, 4) * HOUR_MS, 15 * MINUTE_MS)
      : null;
  const orderDigits = input.orderNumber.replace(/\D/g, "").padStart(6, "0");
  return {
    orderNumber: input.orderNumber,
    email: input.buyer.email,
    personName: `${input.buyer.firstName} ${input.buyer.lastName}`,
    firstName: input.buyer.firstName,
    lastName: input.buyer.lastName,
    phone: input.buyer.phoneDigits ? formatEcomPhone(input.buyer.phoneDigits) : null,
    placedAtMs: input.placedAtMs,
    arrivesAtMs: input.placedAtMs + Math.max(0, Math.round(input.delayMs)),
    fulfillment,
    pickupAtMs,
    address: fulfillment === "delivery" ? input.buyer.address : null,
    lines,
    subtotalCents,
    taxCents,
    shippingCents,
    loyaltyCents,
    totalCents: subtotalCents + taxTotal + shippingCents - loyaltyCents,
    comments: input.comments ?? "",
    ipAddress: fakeIpAddress(random),
    // Drawn even when given (the argument is evaluated), so a seeded store is the same either way.
    acceptMarketing: givenOrDrawn(input.acceptMarketing, random.chance(0.6)),
    transactionId: `SIMTXN${orderDigits.padStart(24, "0")}`,
    trackingNumber: fulfillment === "delivery" ? `9400100000${orderDigits.padStart(12, "0")}` : "",
    closedOnArrival: random.chance(input.closedOnArrivalChance),
    csvLinkLags: random.chance(0.37),
    saleId: null,
  };
}

function givenOrDrawn<T>(given: T | undefined, drawn: T): T {
  return given ?? drawn;
}

function roundUpTo(ms: number, step: number): number {
  return Math.ceil(ms / step) * step;
}
