import { describe, expect, it } from "vitest";
import { displayName } from "./display-name";

describe("displayName", () => {
  it.each([
    ["Jane", "Doe", null, "Jane Doe"],
    ["  Jane ", " Doe  ", "ignored", "Jane Doe"],
    ["Mary  Ann", "van\tder\nBerg", null, "Mary Ann van der Berg"],
    ["Jane", null, "Jane Doe", "Jane"],
    [null, "Doe", undefined, "Doe"],
    ["", "   ", "  Jane   Doe ", "Jane Doe"],
    [null, null, "Jane Doe", "Jane Doe"],
    [undefined, undefined, undefined, null],
    ["", " ", "\u00A0", null],
    ["\u200B", null, null, null],
    ["Jose\u0301", "Núñez", null, "José Núñez"],
    ["Jane\u00A0Marie", "Doe", null, "Jane Marie Doe"],
    ["JANE", "doe", null, "JANE doe"],
  ])("does turn (%j, %j, %j) into %j", (first, last, full, expected) => {
    expect(displayName(first, last, full)).toBe(expected);
  });

  it("does accept no arguments", () => {
    expect(displayName()).toBeNull();
  });
});
