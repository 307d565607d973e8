import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import type { AnalyticsOrderItem } from "./analytics-order";
import { buildOrder } from "./analytics-order-fixtures";
import { favouriteProductsOf } from "./favourite-items";

const item = (
  name: string,
  quantity: number,
  total: string,
  category: string | null = null,
): AnalyticsOrderItem => ({
  name,
  category,
  quantity: new Decimal(quantity),
  total: new Decimal(total),
});

const summary = (items: ReturnType<typeof favouriteProductsOf>) =>
  items.map(({ name, quantity, spend }) => [name, quantity.toNumber(), spend.toFixed(2)]);

describe("favouriteProductsOf", () => {
  it("does rank by quantity, then spend, then name, across orders", () => {
    const orders = [
      buildOrder({ items: [item("Gummies", 2, "30"), item("Pre-roll", 1, "12")] }),
      buildOrder({
        items: [item("Gummies", 1, "15"), item("Vape", 3, "90"), item("Tea", 3, "45")],
      }),
      buildOrder({ items: [item("Balm", 3, "45"), item(" Pre-roll ", 3, "24")] }),
    ];
    expect(summary(favouriteProductsOf(orders, 5))).toEqual([
      ["Pre-roll", 4, "36.00"],
      ["Vape", 3, "90.00"],
      ["Balm", 3, "45.00"],
      ["Gummies", 3, "45.00"],
      ["Tea", 3, "45.00"],
    ]);
  });

  it("does return only the top `limit`", () => {
    const orders = [
      buildOrder({ items: [item("A", 1, "1"), item("B", 2, "1"), item("C", 3, "1")] }),
    ];
    expect(favouriteProductsOf(orders, 2).map((favourite) => favourite.name)).toEqual(["C", "B"]);
    expect(favouriteProductsOf(orders, 0)).toEqual([]);
  });

  it("does return nothing for orders without lines", () => {
    expect(favouriteProductsOf([buildOrder()], 3)).toEqual([]);
  });
});
