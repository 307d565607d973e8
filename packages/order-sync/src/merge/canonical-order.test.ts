import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { buildCanonicalOrder, type CanonicalOrder } from "./canonical-order";
import type { EcomOrderFacts, RetailSaleFacts } from "./order-facts";
import { groupOrderSources } from "./order-key";
import {
  buildEcomOrderFacts,
  buildEcomSaleFacts,
  buildSaleFacts,
  ecomOrderPlacedAt as placedAt,
} from "./testing/order-facts-fixtures";

function returnOf(saleId: string, amount: string): RetailSaleFacts {
  return buildSaleFacts({
    id: `return-${amount}-of-${saleId}`,
    returnFor: saleId,
    totalPrice: new Decimal(amount).neg(),
    totalTax: new Decimal(0),
    saleDate: new Date("2026-01-07T10:00:00Z"),
  });
}

/** Groups the inputs and builds the single order they form. */
function canonicalOf(input: {
  sales?: RetailSaleFacts[];
  ecomOrders?: EcomOrderFacts[];
}): CanonicalOrder {
  const grouped = groupOrderSources({
    sales: input.sales ?? [],
    ecomOrders: input.ecomOrders ?? [],
  });
  expect(grouped).toHaveLength(1);
  const [sources] = grouped;
  if (sources === undefined) throw new Error("no order");
  return buildCanonicalOrder(sources);
}

describe("buildCanonicalOrder", () => {
  it("builds a retail order from an in-store sale", () => {
    expect(canonicalOf({ sales: [buildSaleFacts({ customerId: "customer-2" })] })).toEqual({
      key: "retail:sale-instore",
      channel: "RETAIL",
      status: "COMPLETED",
      placedAt: new Date("2026-01-05T18:00:00Z"),
      total: new Decimal("54.00"),
      refundedTotal: new Decimal(0),
      retailSaleId: "sale-instore",
      ecomOrderNumber: null,
      retailCustomerId: "customer-2",
      matchedBy: "UNMATCHED",
      reachedRetailAt: new Date("2026-01-05T18:00:02Z"),
      firstSeenInRetailAt: new Date("2026-01-05T18:00:30Z"),
      syncDelaySeconds: null,
      source: "retail",
      countsInAnalytics: true,
    });
  });

  it("builds a synced eCom order from the eCom order and its sale", () => {
    const order = canonicalOf({
      sales: [buildEcomSaleFacts()],
      ecomOrders: [buildEcomOrderFacts()],
    });
    expect(order).toMatchObject({
      key: "ecom:10234",
      channel: "ECOM",
      status: "OPEN",
      placedAt,
      retailSaleId: "sale-ecom",
      ecomOrderNumber: "10234",
      retailCustomerId: "customer-1",
      matchedBy: "SOURCE_ID",
      source: "ecom_synced",
      syncDelaySeconds: 122,
      countsInAnalytics: true,
    });
  });

  it("builds an unsynced eCom order from the eCom figures alone", () => {
    const order = canonicalOf({
      ecomOrders: [buildEcomOrderFacts({ total: new Decimal("12.34") })],
    });
    expect(order).toMatchObject({
      channel: "ECOM",
      status: "COMPLETED",
      placedAt,
      retailSaleId: null,
      ecomOrderNumber: "10234",
      retailCustomerId: null,
      matchedBy: "UNMATCHED",
      reachedRetailAt: null,
      firstSeenInRetailAt: null,
      syncDelaySeconds: null,
      source: "ecom_unsynced",
    });
    expect(order.total.toFixed(2)).toBe("12.34");
  });

  it("treats an eCom sale without its eCom order as a synced eCom order", () => {
    const order = canonicalOf({ sales: [buildEcomSaleFacts({ sourceId: null })] });
    expect(order).toMatchObject({
      key: "ecom:10234",
      channel: "ECOM",
      ecomOrderNumber: "10234",
      source: "ecom_synced",
      placedAt: new Date("2026-01-05T18:00:00Z"),
      // Without the eCom order, the delay counts from the sale date.
      syncDelaySeconds: 2,
    });
  });

  it("treats an eCom sale that carries no order number as eCom", () => {
    const order = canonicalOf({ sales: [buildEcomSaleFacts({ sourceId: null, note: null })] });
    expect(order).toMatchObject({
      key: "retail:sale-ecom",
      channel: "ECOM",
      ecomOrderNumber: null,
      source: "ecom_synced",
    });
  });

  it("makes an in-store sale joined through the hint an eCom order", () => {
    const order = canonicalOf({
      sales: [buildSaleFacts()],
      ecomOrders: [buildEcomOrderFacts({ xseriesOrderIdHint: "sale-instore" })],
    });
    expect(order).toMatchObject({
      channel: "ECOM",
      matchedBy: "XSERIES_ORDER_ID_HINT",
      source: "ecom_synced",
      retailSaleId: "sale-instore",
    });
  });

  it("takes the total from the sale, tax included and net of loyalty redemptions", () => {
    // X-Series holds 50 + 4 tax, 5 of it paid in points; the eCom export says 49.
    const sale = buildEcomSaleFacts({ loyaltyPaid: new Decimal("5.00") });
    const order = canonicalOf({
      sales: [sale],
      ecomOrders: [buildEcomOrderFacts({ total: new Decimal("49.00") })],
    });
    expect(order.total.toFixed(2)).toBe("49.00");
  });

  it("prefers the X-Series total once the sale is present", () => {
    const order = canonicalOf({
      sales: [buildEcomSaleFacts({ totalPrice: new Decimal("60.00") })],
      ecomOrders: [buildEcomOrderFacts()],
    });
    expect(order.total.toFixed(2)).toBe("64.00");
  });

  it("marks a voided sale VOIDED and out of analytics", () => {
    const order = canonicalOf({ sales: [buildSaleFacts({ state: "voided", status: "VOIDED" })] });
    expect(order).toMatchObject({ status: "VOIDED", countsInAnalytics: false });
  });

  it("reads VOIDED from the legacy status when state is missing", () => {
    const order = canonicalOf({ sales: [buildSaleFacts({ state: null, status: "VOIDED" })] });
    expect(order.status).toBe("VOIDED");
  });

  it("keeps a voided sale VOIDED whatever the eCom order says", () => {
    const order = canonicalOf({
      sales: [buildEcomSaleFacts({ state: "voided" })],
      ecomOrders: [buildEcomOrderFacts({ paymentStatusCode: "REFUNDED" })],
    });
    expect(order.status).toBe("VOIDED");
  });

  it("lets an eCom cancellation win over a pending sale", () => {
    const order = canonicalOf({
      sales: [buildEcomSaleFacts()],
      ecomOrders: [
        buildEcomOrderFacts({ paymentStatusCode: "CANCELLED", paymentStatusLabel: "Canceled" }),
      ],
    });
    expect(order).toMatchObject({ status: "CANCELLED", countsInAnalytics: false });
    expect(order.refundedTotal.toFixed(2)).toBe("0.00");
  });

  it("cancels a paid order the shop will not deliver", () => {
    const order = canonicalOf({
      sales: [buildEcomSaleFacts({ state: "closed" })],
      ecomOrders: [buildEcomOrderFacts({ fulfillmentStatusCode: "WILL_NOT_DELIVER" })],
    });
    expect(order.status).toBe("CANCELLED");
  });

  it("lets an eCom refund win over a pending sale and refunds the whole total", () => {
    const order = canonicalOf({
      sales: [buildEcomSaleFacts()],
      ecomOrders: [
        buildEcomOrderFacts({ paymentStatusCode: "REFUNDED", paymentStatusLabel: "Refunded" }),
      ],
    });
    expect(order).toMatchObject({ status: "REFUNDED", countsInAnalytics: true });
    expect(order.refundedTotal.toFixed(2)).toBe(order.total.toFixed(2));
  });

  it("follows the sale state when the eCom order is neither cancelled nor refunded", () => {
    const ecomOrders = [buildEcomOrderFacts()];
    const statusOf = (state: string) =>
      canonicalOf({ sales: [buildEcomSaleFacts({ state })], ecomOrders }).status;
    expect([statusOf("closed"), statusOf("pending"), statusOf("parked")]).toEqual([
      "COMPLETED",
      "OPEN",
      "OPEN",
    ]);
  });

  it("derives an unsynced order's status from the eCom payment code", () => {
    const statusOf = (paymentStatusCode: string) =>
      canonicalOf({
        ecomOrders: [buildEcomOrderFacts({ paymentStatusCode, paymentStatusLabel: null })],
      }).status;
    expect(
      ["ACCEPTED", "PAID", "QUEUED", "AWAITING_PAYMENT", "INCOMPLETE", "PARTIALLY_REFUNDED"].map(
        statusOf,
      ),
    ).toEqual(["COMPLETED", "COMPLETED", "OPEN", "OPEN", "OPEN", "COMPLETED"]);
  });

  it("trusts a known code over a disagreeing label", () => {
    const order = canonicalOf({
      ecomOrders: [
        buildEcomOrderFacts({ paymentStatusCode: "ACCEPTED", paymentStatusLabel: "Refunded" }),
      ],
    });
    expect(order.status).toBe("COMPLETED");
  });

  it("falls back to the label, in any case, when the code is unknown or missing", () => {
    const statusOf = (paymentStatusCode: string | null, paymentStatusLabel: string) =>
      canonicalOf({ ecomOrders: [buildEcomOrderFacts({ paymentStatusCode, paymentStatusLabel })] })
        .status;
    expect([
      statusOf("BEZAHLT", "Paid"),
      statusOf(null, "canceled"),
      statusOf(null, "CANCELLED"),
      statusOf("", "Refunded"),
      statusOf(null, "Awaiting Payment"),
    ]).toEqual(["COMPLETED", "CANCELLED", "CANCELLED", "REFUNDED", "OPEN"]);
  });

  it("falls back to the fulfillment label for a delivery cancellation", () => {
    const order = canonicalOf({
      ecomOrders: [
        buildEcomOrderFacts({
          fulfillmentStatusCode: null,
          fulfillmentStatusLabel: "Delivery Canceled",
        }),
      ],
    });
    expect(order.status).toBe("CANCELLED");
  });

  it("leaves an order with unknown code and label OPEN", () => {
    const order = canonicalOf({
      ecomOrders: [
        buildEcomOrderFacts({ paymentStatusCode: "DECLINED", paymentStatusLabel: "Declined" }),
      ],
    });
    expect(order.status).toBe("OPEN");
  });

  it("adds returns to the refunded total and keeps a partly returned order COMPLETED", () => {
    const order = canonicalOf({ sales: [buildSaleFacts(), returnOf("sale-instore", "10.00")] });
    expect(order.status).toBe("COMPLETED");
    expect(order.refundedTotal.toFixed(2)).toBe("10.00");
  });

  it("counts return tax and marks a fully returned order REFUNDED", () => {
    const fullReturn = buildSaleFacts({
      id: "return-all",
      returnFor: "sale-instore",
      totalPrice: new Decimal("-50.00"),
      totalTax: new Decimal("-4.00"),
    });
    const order = canonicalOf({ sales: [buildSaleFacts(), fullReturn] });
    expect(order.status).toBe("REFUNDED");
    expect(order.refundedTotal.toFixed(2)).toBe("54.00");
  });

  it("caps the refunded total at the order total", () => {
    const order = canonicalOf({
      sales: [
        buildSaleFacts(),
        returnOf("sale-instore", "40.00"),
        returnOf("sale-instore", "30.00"),
      ],
    });
    expect(order.status).toBe("REFUNDED");
    expect(order.refundedTotal.toFixed(2)).toBe("54.00");
  });

  it("keeps a cancelled order CANCELLED when it also has returns", () => {
    const order = canonicalOf({
      sales: [buildEcomSaleFacts(), returnOf("sale-ecom", "60.00")],
      ecomOrders: [buildEcomOrderFacts({ paymentStatusCode: "CANCELLED" })],
    });
    expect(order.status).toBe("CANCELLED");
  });

  it("does not call an order paid entirely in points REFUNDED", () => {
    const order = canonicalOf({
      sales: [buildSaleFacts({ loyaltyPaid: new Decimal("54.00") }), returnOf("sale-instore", "5")],
    });
    expect(order.status).toBe("COMPLETED");
    expect(order.refundedTotal.toFixed(2)).toBe("0.00");
  });

  it("measures the sync delay to created_at, not to when we first saw the sale", () => {
    const backfilled = buildEcomSaleFacts({
      createdAt: new Date("2026-01-05T18:03:30Z"),
      firstSeenAt: new Date("2026-04-01T00:00:00Z"),
    });
    const order = canonicalOf({ sales: [backfilled], ecomOrders: [buildEcomOrderFacts()] });
    expect(order).toMatchObject({
      reachedRetailAt: new Date("2026-01-05T18:03:30Z"),
      firstSeenInRetailAt: new Date("2026-04-01T00:00:00Z"),
      syncDelaySeconds: 330,
    });
  });

  it("counts whole seconds of sync delay", () => {
    const sale = buildEcomSaleFacts({ createdAt: new Date("2026-01-05T17:59:30.900Z") });
    expect(
      canonicalOf({ sales: [sale], ecomOrders: [buildEcomOrderFacts()] }).syncDelaySeconds,
    ).toBe(90);
  });

  it("clamps a negative sync delay from clock skew to zero", () => {
    const sale = buildEcomSaleFacts({ createdAt: new Date("2026-01-05T17:57:20Z") });
    expect(
      canonicalOf({ sales: [sale], ecomOrders: [buildEcomOrderFacts()] }).syncDelaySeconds,
    ).toBe(0);
  });

  it("has no sync delay without created_at", () => {
    const sale = buildEcomSaleFacts({ createdAt: null });
    const order = canonicalOf({ sales: [sale], ecomOrders: [buildEcomOrderFacts()] });
    expect(order).toMatchObject({ reachedRetailAt: null, syncDelaySeconds: null });
  });

  it("builds one order from duplicate sales of one eCom number", () => {
    const duplicate = buildEcomSaleFacts({
      id: "sale-ecom-copy",
      createdAt: new Date("2026-01-05T18:30:00Z"),
    });
    const order = canonicalOf({
      sales: [duplicate, buildEcomSaleFacts()],
      ecomOrders: [buildEcomOrderFacts()],
    });
    expect(order.retailSaleId).toBe("sale-ecom");
    expect(order.total.toFixed(2)).toBe("54.00");
  });

  it("rejects sources with neither a sale nor an eCom order", () => {
    expect(() =>
      buildCanonicalOrder({
        key: "retail:x",
        ecomOrder: null,
        sale: null,
        matchedBy: "UNMATCHED",
        returns: [],
        duplicateSales: [],
      }),
    ).toThrow(expect.objectContaining({ code: "BAD_INPUT" }));
  });
});
