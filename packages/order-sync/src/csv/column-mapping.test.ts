import { describe, expect, it } from "vitest";
import { parseColumnMapping } from "./column-mapping";

describe("parseColumnMapping", () => {
  it("does name every missing or unknown field", () => {
    expect(() => parseColumnMapping({ orderNumber: "No", placedAt: "", colour: "x" })).toThrow(
      /invalid column mapping: .*placedAt.*/,
    );
    try {
      parseColumnMapping({ orderNumber: "No" });
    } catch (error) {
      expect(String(error)).toMatch(/total/);
      expect(String(error)).toMatch(/itemQuantity/);
    }
  });
});
