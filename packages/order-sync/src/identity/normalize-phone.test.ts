import { describe, expect, it } from "vitest";
import { nationalNumberOf, normalizePhone } from "./normalize-phone";

describe("normalizePhone", () => {
  it.each([
    ["(615) 555-0101", "+16155550101"],
    ["615.555.0101", "+16155550101"],
    ["6155550101", "+16155550101"],
    [" +16155550101", "+16155550101"],
    ["+16155550101", "+16155550101"],
    ["+1 615-555-0101", "+16155550101"],
    ["1-615-555-0101", "+16155550101"],
    ["16155550101", "+16155550101"],
    ["+1 (615) 555-0101", "+16155550101"],
    ["615-555-0101 x123", "+16155550101"],
    ["615-555-0101 ext. 123", "+16155550101"],
    ["+1 615 555 0101;ext=9", "+16155550101"],
    ["tel:+16155550101", "+16155550101"],
    ["\u00A0615\u00A0555\u00A00101\u200B", "+16155550101"],
    ["６１５５５５０１０１", "+16155550101"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("does normalize %j to %j", (raw, expected) => {
    expect(normalizePhone(raw, "US")).toBe(expected);
  });

  it("does read national numbers in the default region", () => {
    expect(normalizePhone("020 7946 0958", "GB")).toBe("+442079460958");
    expect(normalizePhone("020 7946 0958", "US")).toBeNull();
  });

  it("does keep a number that is possible but not valid (fictional or unassigned)", () => {
    expect(normalizePhone("(123) 555-0101", "US")).toBe("+11235550101");
  });

  it.each([
    [null],
    [undefined],
    [""],
    ["   "],
    ["null"],
    ["n/a"],
    ["none"],
    ["-"],
    ["0"],
    ["-1"],
    ["undefined"],
    ["unknown"],
    ["555-0101"],
    ["123"],
    ["+1"],
    ["615555010112345"],
    ["call me"],
  ])("does return null for %j", (raw) => {
    expect(normalizePhone(raw, "US")).toBeNull();
  });
});

describe("nationalNumberOf", () => {
  it("does return the national significant number of an E.164 value", () => {
    expect(nationalNumberOf("+16155550101")).toBe("6155550101");
    expect(nationalNumberOf("+442079460958")).toBe("2079460958");
    expect(nationalNumberOf("nonsense")).toBeNull();
  });
});
