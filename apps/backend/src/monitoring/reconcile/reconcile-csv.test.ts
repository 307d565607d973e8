import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { reconcileCsvLines } from "./reconcile-csv";

describe("reconcileCsvLines", () => {
  it("does write a header and one row per order", () => {
    const lines = [
      ...reconcileCsvLines([
        {
          ecomOrderNumber: "1001",
          placedAt: new Date("2026-03-01T12:00:00Z"),
          category: "total_mismatch",
          exportTotal: new Decimal("12.5"),
          xseriesTotal: new Decimal("10"),
          difference: new Decimal("-2.5"),
          loyaltyPaid: new Decimal(0),
          exportStatus: "COMPLETED",
          xseriesStatus: "OPEN",
          retailSaleId: "sale-1",
          matchedBy: "SOURCE_ID",
        },
      ]),
    ];
    expect(lines).toEqual([
      "ecom_order_number,placed_at,category,export_total,xseries_total,difference,loyalty_paid,export_status,xseries_status,retail_sale_id,matched_by\r\n",
      "1001,2026-03-01T12:00:00.000Z,total_mismatch,12.50,10.00,'-2.50,0.00,COMPLETED,OPEN,sale-1,SOURCE_ID\r\n",
    ]);
  });
});
