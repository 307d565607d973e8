import { describe, expect, it } from "vitest";
import { formatCount, formatDecimal, formatShare } from "./format-number";

describe("formatCount", () => {
  it("groups thousands and shows a dash for none", () => {
    expect(formatCount(12345, "en-US")).toBe("12,345");
    expect(formatCount(null)).toBe("—");
    expect(formatCount(Number.NaN)).toBe("—");
  });
});

describe("formatShare", () => {
  it("shows a 0…1 share as a percentage", () => {
    expect(formatShare(0.1234, { locale: "en-US" })).toBe("12.3%");
    expect(formatShare(1, { locale: "en-US", digits: 0 })).toBe("100%");
    expect(formatShare(null)).toBe("—");
  });
});

describe("formatDecimal", () => {
  it("rounds to the given digits", () => {
    expect(formatDecimal(12.345, { locale: "en-US", digits: 1 })).toBe("12.3");
    expect(formatDecimal(undefined)).toBe("—");
  });
});
