import { describe, expect, it } from "vitest";
import { isPlaceholderValue, removeInvisibleCharacters } from "./placeholder-values";

describe("isPlaceholderValue", () => {
  it.each([
    "",
    " ",
    "null",
    "NULL",
    " Null ",
    "n/a",
    "N/A",
    "na",
    "none",
    "-",
    "0",
    "-1",
    "undefined",
    "unknown",
    "\u200B",
  ])("does treat %j as no value", (raw) => {
    expect(isPlaceholderValue(raw)).toBe(true);
  });

  it.each(["jane@example.com", "6155550101", "00", "nullable", "a1b2"])("does keep %j", (raw) => {
    expect(isPlaceholderValue(raw)).toBe(false);
  });
});

describe("removeInvisibleCharacters", () => {
  it("does remove zero-width characters, soft hyphens and the byte-order mark", () => {
    expect(removeInvisibleCharacters("\uFEFFja\u200Bn\u00ADe\u200D\u2060")).toBe("jane");
  });
});
