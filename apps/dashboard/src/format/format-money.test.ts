import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyTick, moneyText, moneyToPlot } from "./format-money";

/** What a superjson-decoded decimal.js Decimal offers the formatter. */
const decimal = (text: string) => ({
  toFixed: (digits: number) => (digits === 2 ? text : "wrong"),
});

describe("formatMoney", () => {
  it("formats a Decimal from its exact text, in the given locale", () => {
    expect(formatMoney(decimal("1234.50"), { locale: "en-US" })).toBe("$1,234.50");
    expect(formatMoney(decimal("-3.10"), { locale: "en-US" })).toBe("-$3.10");
  });

  it("keeps every digit of amounts a float would round", () => {
    expect(formatMoney(decimal("12345678901234567.89"), { locale: "en-US" })).toBe(
      "$12,345,678,901,234,567.89",
    );
    expect(formatMoney("0.10", { locale: "en-US" })).toBe("$0.10");
  });

  it("shows a dash for no amount", () => {
    expect(formatMoney(null)).toBe("—");
    expect(formatMoney(undefined)).toBe("—");
  });

  it("follows the locale's separators", () => {
    expect(formatMoney("1234.5", { locale: "de-DE" })).toMatch(/^1\.234,50\s\$$/);
  });

  it("abbreviates on request", () => {
    expect(formatMoney("12500", { locale: "en-US", compact: true })).toBe("$12.5K");
  });
});

describe("moneyText", () => {
  it("refuses text that is not a decimal amount", () => {
    expect(() => moneyText("1e21")).toThrow(/Not a decimal amount/);
    expect(() => moneyText("NaN")).toThrow();
  });
});

describe("moneyToPlot", () => {
  it("places an amount on a chart, zero for none", () => {
    expect(moneyToPlot(decimal("99.95"))).toBe(99.95);
    expect(moneyToPlot(null)).toBe(0);
  });
});

describe("formatMoneyTick", () => {
  it("labels axis ticks compactly", () => {
    expect(formatMoneyTick(0, { locale: "en-US" })).toBe("$0");
    expect(formatMoneyTick(25_000, { locale: "en-US" })).toBe("$25K");
    expect(formatMoneyTick(1_500_000, { locale: "en-US" })).toBe("$1.5M");
  });
});
