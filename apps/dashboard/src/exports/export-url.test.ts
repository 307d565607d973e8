import { describe, expect, it } from "vitest";
import { downloadFileName, exportUrl } from "./export-url";

describe("exportUrl", () => {
  it("carries the list's filters and leaves out the empty ones", () => {
    expect(
      exportUrl("customers", {
        search: "ann o'brien",
        rfmSegment: "Can't Lose Them",
        tier: "",
        sort: "spend",
        direction: "asc",
        isVip: undefined,
      }),
    ).toBe(
      "/api/exports/customers.csv?search=ann+o%27brien&rfmSegment=Can%27t+Lose+Them&sort=spend&direction=asc",
    );
    expect(exportUrl("missing-orders", { days: 0 })).toBe("/api/exports/missing-orders.csv?days=0");
    expect(exportUrl("at-risk-customers")).toBe("/api/exports/at-risk-customers.csv");
  });
});

describe("downloadFileName", () => {
  it("takes the server's file name, else names the file after the list", () => {
    expect(downloadFileName('attachment; filename="customers-2026-12-07.csv"', "customers")).toBe(
      "customers-2026-12-07.csv",
    );
    expect(downloadFileName(null, "missing-orders")).toBe("missing-orders.csv");
  });
});
