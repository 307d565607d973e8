import { describe, expect, it } from "vitest";
import { placeholderPhoneReason } from "./placeholder-phone";

describe("placeholderPhoneReason", () => {
  it.each([
    ["0000000000", "all-zero phone"],
    ["000", "all-zero phone"],
    ["1111111111", "repeated-digit phone"],
    ["5555555555", "repeated-digit phone"],
    ["9999999", "repeated-digit phone"],
    ["123456", "too-short phone"],
    ["55501", "too-short phone"],
    ["1234567890", "sequential test phone"],
    ["0123456789", "sequential test phone"],
    ["123456789", "sequential test phone"],
    ["9876543210", "sequential test phone"],
    ["3456789012", "sequential test phone"],
    ["1234567", "sequential test phone"],
  ])("does flag %j as %j", (national, reason) => {
    expect(placeholderPhoneReason(national)).toBe(reason);
  });

  it.each(["6155550101", "6155550100", "2079460958", "5555550123", "1234560"])(
    "does accept %j",
    (national) => {
      expect(placeholderPhoneReason(national)).toBeNull();
    },
  );
});
