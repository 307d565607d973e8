// Deterministic fake E-Series order exports (exact 109-column header, real quoting habits,
// multi-row orders, multi-line tax_details) for tests and benchmarks. All data is made up.
import { ECWID_SAMPLE_HEADER_LINE } from "../formats/ecwid";
import { splitHeaderLine } from "../split-header-line";

export interface GenerateEcomExportOptions {
  orders: number;
  seed: number;
  /**
   * The store zone the wall times are meant for. Times are generated between 08:00 and 21:59, so
   * they are never inside a DST gap or overlap of any zone that switches at night.
   */
  timeZone?: string;
  /** First (highest) order number; numbers count down like the real export (default 100000 + orders). */
  firstOrderNumber?: number;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const PRODUCTS = [
  { sku: "100234", name: "Blue Dream - Flower", price: 3500, options: "Amount:3.5G" },
  { sku: "100577", name: "Pre-Roll 1g", price: 1000, options: "Strain:Example Kush" },
  { sku: "200117", name: "Gummies, Mixed Berry 10pk", price: 2500, options: "flavor:Mixed Berry" },
  { sku: "000981", name: "Vape Cartridge 0.5g", price: 4000, options: "Strain:Sample Haze" },
  { sku: "300051", name: "Tincture 30ml", price: 4500, options: "" },
];
const FIRST = ["Jane", "John", "Sam", "Alex", "Kim", "Pat", "Lee", "Max"];
const LAST = ["Doe", "Smith", "Lee", "Example", "Sample", "Tester"];
const HEADERS = splitHeaderLine(ECWID_SAMPLE_HEADER_LINE, ";");
const INDEX = new Map(HEADERS.map((name, i) => [name, i]));

/** Mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cents = (value: number): string =>
  `${Math.floor(value / 100)}.${String(value % 100).padStart(2, "0")}`;
const quote = (value: string): string => `"${value.replaceAll('"', '""')}"`;

/** 1 → 55 %, 2 → 23 %, 3 → 12 %, 4 → 6 %, 5–9 → 4 % (the shape of the real export). */
function itemCount(next: () => number): number {
  const roll = next();
  if (roll < 0.55) return 1;
  if (roll < 0.78) return 2;
  if (roll < 0.9) return 3;
  if (roll < 0.96) return 4;
  return 5 + Math.floor(next() * 5);
}

/**
 * Yields the export as CSV records, the header first; each string ends with "\n" and may contain
 * more "\n" (quoted multi-line `tax_details`), so `Readable.from(...)` or `join("")` gives the file.
 */
export function* generateEcomExport(options: GenerateEcomExportOptions): Generator<string> {
  const next = random(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  yield `${ECWID_SAMPLE_HEADER_LINE}\n`;
  const first = options.firstOrderNumber ?? 100_000 + options.orders;
  // Newest first, like the real export: walk back in time from 2026-06-30.
  let clock = Date.UTC(2026, 5, 30, 12, 0);
  for (let o = 0; o < options.orders; o++) {
    const orderNumber = String(first - o);
    clock -= Math.floor(next() * 20 * 60_000);
    const day = new Date(clock);
    const hour = 8 + Math.floor(next() * 14);
    const minute = Math.floor(next() * 60);
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    const timestamp = `${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()} ${String(h12).padStart(2, "0")}:${String(minute).padStart(2, "0")} ${hour < 12 ? "AM" : "PM"}`;
    const customer = Math.floor(next() * 5000);
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const phone = next() < 0.8 ? ` +1615555${String(customer).padStart(4, "0")}` : "";
    const pickup = next() < 0.5;
    const paid = next() < 0.97;
    const lines = Array.from({ length: itemCount(next) }, () => {
      const product = pick(PRODUCTS);
      const quantity = 1 + Math.floor(next() * 3);
      return { product, quantity, total: product.price * quantity };
    });
    const subtotal = lines.reduce((sum, line) => sum + line.total, 0);
    const tax = Math.round(subtotal * 0.125);
    const shipping = pickup ? 0 : 599;
    const total = subtotal + tax + shipping;
    const synced = next() < 0.6;
    const xseriesId = synced
      ? `0a1b2c3d-4e5f-11f0-a1b2-${String(first - o).padStart(12, "0")}`
      : "";
    for (const line of lines) {
      const row: string[] = new Array(HEADERS.length).fill("");
      const set = (column: string, value: string) => {
        const index = INDEX.get(column);
        if (index !== undefined) row[index] = value;
      };
      const lineTax = Math.round(line.total * 0.095);
      const privilege = Math.round(line.total * 0.03);
      set("order_number", orderNumber);
      set("email", `customer${customer}@example.com`);
      set("sku", quote(line.product.sku));
      set("name", line.product.name);
      set("weight", "0.00");
      set("price", cents(line.product.price));
      set("total", cents(line.total));
      set("quantity", String(line.quantity));
      set("options", line.product.options);
      set(
        "tax_details",
        next() < 0.85
          ? quote(`State & Local Tax:$${cents(lineTax)}\nPrivilege Tax:$${cents(privilege)}`)
          : `State & Local Tax:$${cents(lineTax + privilege)}`,
      );
      set("customer_tax_exempt", "false");
      set("reversed_tax_applied", "false");
      set("timestamp", timestamp);
      set("shipto_person_name", name);
      if (!pickup) {
        set("shipto_person_street_1", "123 Example St");
        set("shipto_person_city", "Nashville");
        set("shipto_person_country_code", "US");
        set("shipto_person_postal_code", "37201");
        set("shipto_person_state_code", "TN");
        set("shipto_person_country_name", "United States");
        set("shipto_person_state_name", "Tennessee");
      }
      set("shipto_person_phone", phone === "" ? "" : quote(phone));
      set("payment_method", paid ? "Credit or debit card" : "Pay by cash");
      set("shipping_method", pickup ? "Example Store - Main St" : "Standard shipping");
      set("payment_status", paid ? "Paid" : "Awaiting Payment");
      set("fulfillment_status", pickup ? "Ready For Pickup" : "Shipped");
      set("payment_status_code", paid ? "ACCEPTED" : "QUEUED");
      set("fulfillment_status_code", pickup ? "READY_FOR_PICKUP" : "SHIPPED");
      set("order_subtotal", cents(subtotal));
      set("order_tax", cents(tax));
      set("order_shipping", cents(shipping));
      set("order_handling_fee", "0.00");
      set("order_total", cents(total));
      set("order_tax_1_name", "State & Local Tax");
      set("order_tax_1_value", cents(tax));
      set("coupon_discount", "0.00");
      set("volume_discount", "0.00");
      set(
        "detail_discount",
        quote(
          "volume_discount:0.00;customer_group_discount:0.00;customer_group_volume_discount:0.00;shipping_discount:0.00",
        ),
      );
      set("discount", "0.00");
      set("order_weight", "0.0");
      set("customer_ipaddress", `203.0.113.${customer % 250}`);
      // One answer per customer, on every row of the order as E-Series writes order fields. The
      // draw stays, so the rest of a seeded export is what it was.
      next();
      set("accept_marketing", customer % 3 === 0 ? "false" : "true");
      set("gift_card_redemption", "0.00");
      set("payment_transaction_id", `TESTTXN${orderNumber.padStart(20, "0")}`);
      set("Pickup date and time", quote(""));
      set('Free Shipping $100 Min. Use Code "freeshipping"', quote(""));
      set('New Customers get 15% Off + Free Shipping $50 Min. Use Code "mynewjourney"', quote(""));
      set("null", quote(pickup ? "DATE_AND_TIME" : ""));
      set("X-series Order ID", quote(xseriesId));
      set("language", "en");
      yield `${row.join(";")}\n`;
    }
  }
}
