import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { moneySchema, optionalMoneySchema, parseDecimal } from "./money";

describe("parseDecimal", () => {
  it("recovers the decimal text of JSON numbers so sums are exact", () => {
    const parsed = JSON.parse('{"a": 0.1, "b": 0.2, "c": 0.3}') as Record<string, number>;
    const sum = parseDecimal(parsed.a ?? 0)?.plus(parseDecimal(parsed.b ?? 0) ?? 0);
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sum?.equals(new Decimal("0.3"))).toBe(true);
    expect(sum?.toString()).toBe("0.3");
  });

  it("keeps a 5-decimal unit price exact through multiplication", () => {
    const unit = parseDecimal(JSON.parse("12.34567") as number);
    expect(unit?.toString()).toBe("12.34567");
    expect(unit?.times(3).toString()).toBe("37.03701");
  });

  it("accepts decimal strings as API 1.0 payloads send them", () => {
    expect(parseDecimal("202.980")?.toFixed(3)).toBe("202.980");
    expect(parseDecimal(" -25.85 ")?.toString()).toBe("-25.85");
    expect(parseDecimal("1e-7")?.toString()).toBe("1e-7");
  });

  it("rejects text that is not a number and non-finite numbers", () => {
    expect(parseDecimal("12,50")).toBeNull();
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal("NaN")).toBeNull();
    expect(parseDecimal(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe("moneySchema", () => {
  it("parses numbers and strings to Decimal", () => {
    expect(moneySchema.parse(-25840.85)).toEqual(new Decimal("-25840.85"));
    expect(moneySchema.parse("8.60337")).toEqual(new Decimal("8.60337"));
  });

  it("reports an issue for a non-amount", () => {
    const result = moneySchema.safeParse("twelve");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("expected a decimal amount");
    expect(moneySchema.safeParse(null).success).toBe(false);
  });
});

describe("optionalMoneySchema", () => {
  it("turns null, missing and empty text into null", () => {
    expect(optionalMoneySchema.parse(null)).toBeNull();
    expect(optionalMoneySchema.parse(undefined)).toBeNull();
    expect(optionalMoneySchema.parse("")).toBeNull();
    expect(optionalMoneySchema.parse(1000)?.toString()).toBe("1000");
  });
});
