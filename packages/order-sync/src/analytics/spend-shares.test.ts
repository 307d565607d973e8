import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalyticsOrderItem } from "./analytics-order";
import { buildOrder } from "./analytics-order-fixtures";
import { spendSharesOf } from "./spend-shares";

const line = (total: string, category: string | null, brand: string | null = null) =>
  ({
    name: "item",
    category,
    brand,
    quantity: new Decimal(1),
    total: new Decimal(total),
  }) satisfies AnalyticsOrderItem;

const byCategory = (item: AnalyticsOrderItem) => item.category;
const summary = (shares: ReturnType<typeof spendSharesOf>) =>
  shares.map(({ name, share, spend }) => [name, share, spend.toFixed(2)]);

describe("spendSharesOf", () => {
  it("does rank by spend across orders, with shares of the whole line spend", () => {
    const orders = [
      buildOrder({ items: [line("30", "Edibles"), line("50", "Flower")] }),
      buildOrder({ items: [line("20", " Edibles "), line("100", null)] }),
    ];
    expect(summary(spendSharesOf(orders, byCategory, 5))).toEqual([
      ["Edibles", 0.25, "50.00"],
      ["Flower", 0.25, "50.00"],
    ]);
  });

  it("does keep the top `limit`, ties by name", () => {
    const orders = [buildOrder({ items: [line("5", "B"), line("5", "A"), line("9", "C")] })];
    expect(spendSharesOf(orders, byCategory, 2).map((s) => s.name)).toEqual(["C", "A"]);
    expect(spendSharesOf(orders, byCategory, 0)).toEqual([]);
  });

  it("does leave out a category returned in full and give nothing when more came back", () => {
    const returned = [buildOrder({ items: [line("40", "Vapes"), line("-40", "Vapes")] })];
    expect(
      spendSharesOf([...returned, buildOrder({ items: [line("10", "Flower")] })], byCategory, 3),
    ).toHaveLength(1);
    expect(spendSharesOf([buildOrder({ items: [line("-5", "Flower")] })], byCategory, 3)).toEqual(
      [],
    );
    expect(spendSharesOf([buildOrder()], byCategory, 3)).toEqual([]);
  });

  it("does give shares that add up to the known part of the spend", () => {
    const arbitraryLine = fc
      .record({
        cents: fc.integer({ min: 0, max: 50_000 }),
        category: fc.constantFrom("Flower", "Vapes", "Edibles", null),
      })
      .map(({ cents, category }) => line(new Decimal(cents).div(100).toString(), category));
    fc.assert(
      fc.property(
        fc.array(fc.array(arbitraryLine, { maxLength: 6 }), { maxLength: 8 }),
        (carts) => {
          const orders = carts.map((items) => buildOrder({ items }));
          const lines = carts.flat();
          const whole = lines.reduce((sum, l) => sum.plus(l.total), new Decimal(0));
          const known = lines
            .filter((l) => l.category !== null)
            .reduce((sum, l) => sum.plus(l.total), new Decimal(0));
          const shares = spendSharesOf(orders, byCategory, 10);
          const spent = shares.reduce((sum, s) => sum.plus(s.spend), new Decimal(0));
          expect(spent.toString()).toBe(known.toString());
          if (whole.gt(0)) {
            const total = shares.reduce((sum, s) => sum + s.share, 0);
            expect(total).toBeCloseTo(known.div(whole).toNumber(), 9);
          }
          for (let i = 1; i < shares.length; i++) {
            expect(shares[i - 1]?.spend.gte(shares[i]?.spend ?? 0)).toBe(true);
          }
        },
      ),
    );
  });
});
