import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RetailSaleFacts } from "./order-facts";
import { groupOrderSources, orderKeyOfSale } from "./order-key";
import {
  buildEcomOrderFacts,
  buildEcomSaleFacts,
  buildSaleFacts,
  ecomSaleNote,
  ecwSource,
} from "./testing/order-facts-fixtures";

function returnOf(saleId: string, overrides: Partial<RetailSaleFacts> = {}): RetailSaleFacts {
  return buildSaleFacts({
    id: `return-of-${saleId}`,
    returnFor: saleId,
    totalPrice: new Decimal("-20.00"),
    totalTax: new Decimal("-1.85"),
    saleDate: new Date("2026-01-07T10:00:00Z"),
    ...overrides,
  });
}

describe("orderKeyOfSale", () => {
  it("keys an eCom sale by its source_id", () => {
    expect(orderKeyOfSale(buildEcomSaleFacts())).toEqual({
      kind: "ecom",
      orderNumber: "10234",
      matchedBy: "SOURCE_ID",
    });
  });

  it("falls back to the note's Order ID when source_id is missing", () => {
    expect(orderKeyOfSale(buildEcomSaleFacts({ sourceId: null }))).toEqual({
      kind: "ecom",
      orderNumber: "10234",
      matchedBy: "NOTE_ORDER_ID",
    });
  });

  it("keys an in-store sale by its id", () => {
    expect(orderKeyOfSale(buildSaleFacts({ id: "s-1" }))).toEqual({
      kind: "retail",
      saleId: "s-1",
    });
  });

  it("keys an eCom sale without an order number by its id", () => {
    const sale = buildEcomSaleFacts({ id: "s-2", sourceId: null, note: null });
    expect(orderKeyOfSale(sale)).toEqual({ kind: "retail", saleId: "s-2" });
  });

  it("does not read an order number from the invoice or receipt number", () => {
    const sale = {
      ...buildSaleFacts({ id: "s-3" }),
      invoiceNumber: "10234",
      receiptNumber: "10234",
    };
    expect(orderKeyOfSale(sale)).toEqual({ kind: "retail", saleId: "s-3" });
  });
});

describe("groupOrderSources", () => {
  it("joins an eCom order to the sale whose source_id is its number", () => {
    const sale = buildEcomSaleFacts();
    const ecomOrder = buildEcomOrderFacts();
    expect(groupOrderSources({ sales: [sale], ecomOrders: [ecomOrder] })).toEqual([
      {
        key: "ecom:10234",
        ecomOrder,
        sale,
        matchedBy: "SOURCE_ID",
        returns: [],
        duplicateSales: [],
      },
    ]);
  });

  it("joins an eCom order to the sale whose note names its number", () => {
    const sale = buildEcomSaleFacts({ source: null, sourceId: null });
    const [order] = groupOrderSources({ sales: [sale], ecomOrders: [buildEcomOrderFacts()] });
    expect(order).toMatchObject({ key: "ecom:10234", sale, matchedBy: "NOTE_ORDER_ID" });
  });

  it("joins through the X-series Order ID hint when the sale carries no number", () => {
    const bare = buildEcomSaleFacts({ id: "s-bare", sourceId: null, note: null });
    const ecomOrder = buildEcomOrderFacts({ xseriesOrderIdHint: "s-bare" });
    expect(groupOrderSources({ sales: [bare], ecomOrders: [ecomOrder] })).toEqual([
      {
        key: "ecom:10234",
        ecomOrder,
        sale: bare,
        matchedBy: "XSERIES_ORDER_ID_HINT",
        returns: [],
        duplicateSales: [],
      },
    ]);
  });

  it("does not follow the hint to a sale numbered for another eCom order", () => {
    const other = buildEcomSaleFacts({ id: "s-999", sourceId: "999", note: ecomSaleNote("999") });
    const ecomOrder = buildEcomOrderFacts({ xseriesOrderIdHint: "s-999" });
    const orders = groupOrderSources({ sales: [other], ecomOrders: [ecomOrder] });
    expect(orders.map((order) => [order.key, order.sale?.id ?? null, order.matchedBy])).toEqual([
      ["ecom:10234", null, "UNMATCHED"],
      ["ecom:999", "s-999", "UNMATCHED"],
    ]);
  });

  it("prefers the number match over the hint", () => {
    const numbered = buildEcomSaleFacts();
    const instore = buildSaleFacts({ id: "s-instore" });
    const ecomOrder = buildEcomOrderFacts({ xseriesOrderIdHint: "s-instore" });
    const orders = groupOrderSources({ sales: [instore, numbered], ecomOrders: [ecomOrder] });
    expect(orders.map((order) => [order.key, order.sale?.id, order.matchedBy])).toEqual([
      ["ecom:10234", numbered.id, "SOURCE_ID"],
      ["retail:s-instore", "s-instore", "UNMATCHED"],
    ]);
  });

  it("gives a sale hinted by two eCom orders to the lower order number only", () => {
    const instore = buildSaleFacts({ id: "s-instore" });
    const orders = groupOrderSources({
      sales: [instore],
      ecomOrders: [
        buildEcomOrderFacts({ orderNumber: "20", xseriesOrderIdHint: "s-instore" }),
        buildEcomOrderFacts({ orderNumber: "10", xseriesOrderIdHint: "s-instore" }),
      ],
    });
    expect(orders.map((order) => [order.key, order.sale?.id ?? null])).toEqual([
      ["ecom:10", "s-instore"],
      ["ecom:20", null],
    ]);
  });

  it("never matches an eCom order to a sale by invoice number", () => {
    const instore = { ...buildSaleFacts({ id: "s-instore" }), invoiceNumber: "10234" };
    const orders = groupOrderSources({ sales: [instore], ecomOrders: [buildEcomOrderFacts()] });
    expect(orders.map((order) => [order.key, order.sale?.id ?? null, order.matchedBy])).toEqual([
      ["ecom:10234", null, "UNMATCHED"],
      ["retail:s-instore", "s-instore", "UNMATCHED"],
    ]);
  });

  it("ignores deleted sales as if they were absent", () => {
    const deletedAt = new Date("2026-01-06T09:00:00Z");
    const orders = groupOrderSources({
      sales: [
        buildEcomSaleFacts({ deletedAt }),
        buildSaleFacts({ id: "s-deleted", deletedAt }),
        returnOf("s-live", { deletedAt }),
        buildSaleFacts({ id: "s-live" }),
      ],
      ecomOrders: [buildEcomOrderFacts({ xseriesOrderIdHint: "s-deleted" })],
    });
    expect(orders.map((order) => [order.key, order.sale?.id ?? null, order.returns])).toEqual([
      ["ecom:10234", null, []],
      ["retail:s-live", "s-live", []],
    ]);
  });

  it("puts return sales into the order of the sale they return", () => {
    const ecomSale = buildEcomSaleFacts();
    const instore = buildSaleFacts({ id: "s-instore" });
    const laterReturn = returnOf("s-instore", {
      id: "r-2",
      saleDate: new Date("2026-01-09T00:00:00Z"),
    });
    const earlierReturn = returnOf("s-instore", { id: "r-1" });
    const orders = groupOrderSources({
      sales: [laterReturn, ecomSale, returnOf(ecomSale.id), instore, earlierReturn],
      ecomOrders: [buildEcomOrderFacts()],
    });
    expect(orders.map((order) => [order.key, order.returns.map((ret) => ret.id)])).toEqual([
      ["ecom:10234", [`return-of-${ecomSale.id}`]],
      ["retail:s-instore", ["r-1", "r-2"]],
    ]);
  });

  it("follows a hint-joined sale's returns into the eCom order", () => {
    const hinted = buildSaleFacts({ id: "s-hinted" });
    const [order] = groupOrderSources({
      sales: [returnOf("s-hinted"), hinted],
      ecomOrders: [buildEcomOrderFacts({ xseriesOrderIdHint: "s-hinted" })],
    });
    expect(order?.returns.map((ret) => ret.id)).toEqual(["return-of-s-hinted"]);
  });

  it("never makes a return sale an order, and drops returns of sales it was not given", () => {
    const orphan = returnOf("s-unknown", { source: ecwSource, sourceId: "777" });
    expect(groupOrderSources({ sales: [orphan], ecomOrders: [] })).toEqual([]);
  });

  it("keeps the earliest of several sales for one eCom number and reports the others", () => {
    const first = buildEcomSaleFacts({
      id: "s-b",
      createdAt: new Date("2026-01-05T18:00:02Z"),
    });
    const tieLowerId = buildEcomSaleFacts({
      id: "s-a",
      createdAt: new Date("2026-01-05T18:00:03Z"),
    });
    const tieHigherId = buildEcomSaleFacts({
      id: "s-c",
      createdAt: new Date("2026-01-05T18:00:03Z"),
    });
    const noCreatedAt = buildEcomSaleFacts({ id: "s-0", createdAt: null });
    const [order, ...rest] = groupOrderSources({
      sales: [tieHigherId, noCreatedAt, tieLowerId, first, returnOf("s-a")],
      ecomOrders: [buildEcomOrderFacts()],
    });
    expect(rest).toEqual([]);
    expect(order?.sale?.id).toBe("s-b");
    expect(order?.duplicateSales).toEqual(["s-0", "s-a", "s-c"]);
    // A return of a duplicate refunds the duplicate, not the order.
    expect(order?.returns).toEqual([]);
  });

  it("breaks a created_at tie between duplicate sales by the smaller id", () => {
    const createdAt = new Date("2026-01-05T18:00:02Z");
    const [order] = groupOrderSources({
      sales: [
        buildEcomSaleFacts({ id: "s-2", createdAt }),
        buildEcomSaleFacts({ id: "s-1", createdAt, sourceId: null }),
      ],
      ecomOrders: [],
    });
    expect(order).toMatchObject({ sale: { id: "s-1" }, duplicateSales: ["s-2"] });
  });

  it("does not let a voided copy stand in for a live sale of the same eCom order", () => {
    const voided = buildEcomSaleFacts({
      id: "s-voided",
      state: "voided",
      createdAt: new Date("2026-01-05T18:00:00Z"),
    });
    const live = buildEcomSaleFacts({
      id: "s-live",
      createdAt: new Date("2026-01-05T18:10:00Z"),
    });
    const [order] = groupOrderSources({ sales: [voided, live], ecomOrders: [] });
    expect(order).toMatchObject({ sale: { id: "s-live" }, duplicateSales: ["s-voided"] });
  });

  it("sorts the orders by key", () => {
    const orders = groupOrderSources({
      sales: [
        buildSaleFacts({ id: "b" }),
        buildSaleFacts({ id: "a" }),
        buildEcomSaleFacts({ sourceId: "2", note: ecomSaleNote("2") }),
      ],
      ecomOrders: [buildEcomOrderFacts({ orderNumber: "10" })],
    });
    expect(orders.map((order) => order.key)).toEqual(["ecom:10", "ecom:2", "retail:a", "retail:b"]);
  });

  it("rejects a sale id or an eCom order number given twice", () => {
    const sale = buildSaleFacts();
    const ecomOrder = buildEcomOrderFacts();
    expect(() => groupOrderSources({ sales: [sale, sale], ecomOrders: [] })).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
    expect(() => groupOrderSources({ sales: [], ecomOrders: [ecomOrder, ecomOrder] })).toThrow(
      expect.objectContaining({ code: "BAD_INPUT" }),
    );
  });

  it("gives the same result for any order of the input arrays", () => {
    // Few ids and numbers, so that matches, hints, returns and duplicates collide often.
    const saleIds = ["s1", "s2", "s3", "s4", "s5", "s6"];
    const orderNumbers = ["100", "101", "102"];
    const saleArb = fc
      .record({
        id: fc.constantFrom(...saleIds),
        kind: fc.constantFrom("instore", "sourceId", "note", "bare"),
        orderNumber: fc.constantFrom(...orderNumbers),
        state: fc.constantFrom("closed", "pending", "voided", null),
        returnFor: fc.option(fc.constantFrom(...saleIds), { nil: null, freq: 2 }),
        createdAtSecond: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
        deleted: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      })
      .map(({ id, kind, orderNumber, state, returnFor, createdAtSecond, deleted }) =>
        buildSaleFacts({
          id,
          source: kind === "instore" ? "USER" : ecwSource,
          sourceId: kind === "sourceId" ? orderNumber : null,
          note: kind === "note" ? `Order ID:${orderNumber}` : null,
          state,
          returnFor,
          createdAt:
            createdAtSecond === null
              ? null
              : new Date(Date.UTC(2026, 0, 5, 18, 0, createdAtSecond)),
          deletedAt: deleted ? new Date("2026-01-06T00:00:00Z") : null,
        }),
      );
    const ecomOrderArb = fc
      .record({
        orderNumber: fc.constantFrom(...orderNumbers),
        hint: fc.option(fc.constantFrom(...saleIds), { nil: null }),
      })
      .map(({ orderNumber, hint }) =>
        buildEcomOrderFacts({ orderNumber, xseriesOrderIdHint: hint }),
      );
    const inputs = fc
      .tuple(
        fc.uniqueArray(saleArb, { selector: (sale) => sale.id }),
        fc.uniqueArray(ecomOrderArb, { selector: (order) => order.orderNumber }),
      )
      .chain(([sales, ecomOrders]) =>
        fc.tuple(
          fc.constant({ sales, ecomOrders }),
          fc.record({
            sales: fc.shuffledSubarray(sales, { minLength: sales.length }),
            ecomOrders: fc.shuffledSubarray(ecomOrders, { minLength: ecomOrders.length }),
          }),
        ),
      );

    fc.assert(
      fc.property(inputs, ([original, shuffled]) => {
        expect(groupOrderSources(shuffled)).toEqual(groupOrderSources(original));
      }),
      { numRuns: 500 },
    );
  });
});
