import { describe, expect, it } from "vitest";
import { shopifyFormat } from "./shopify";

describe("shopifyFormat", () => {
  it("does upper-case status codes, having no labels to read", () => {
    expect(shopifyFormat.status.normalizeCode("partially_refunded")).toBe("PARTIALLY_REFUNDED");
    expect(shopifyFormat.status.paymentCodeFromLabel("paid")).toBeNull();
  });
});
