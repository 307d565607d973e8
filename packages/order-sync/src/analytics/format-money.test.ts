import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { formatMoney } from "./format-money";

describe("formatMoney", () => {
  it.each([
    ["1234.5", "1234.50"],
    ["0", "0.00"],
    ["2.345", "2.35"],
    ["2.3449999", "2.34"],
    ["0.005", "0.01"],
    ["-2.345", "-2.35"],
    ["-0.001", "0.00"],
    ["12345678901234.565", "12345678901234.57"],
  ])("does format %s as %s", (amount, text) => {
    expect(formatMoney(new Decimal(amount))).toBe(text);
  });
});
