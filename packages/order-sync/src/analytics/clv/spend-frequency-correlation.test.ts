import { describe, expect, it } from "vitest";
import { spendFrequencyCorrelation } from "./spend-frequency-correlation";
import { readCdnowCustomers } from "./testing/cdnow-data";

describe("spendFrequencyCorrelation", () => {
  it("gives 0.1139 for the CDNOW repeat buyers (lifetimes' Quickstart)", () => {
    expect(spendFrequencyCorrelation(readCdnowCustomers())).toBeCloseTo(0.1139, 4);
  });

  it("ignores customers without repeat purchases and needs two repeat buyers", () => {
    const perfectlyCorrelated = [
      { frequency: 1, monetaryValue: 10 },
      { frequency: 2, monetaryValue: 20 },
      { frequency: 0, monetaryValue: 0 },
      { frequency: 3, monetaryValue: 30 },
    ];
    expect(spendFrequencyCorrelation(perfectlyCorrelated)).toBeCloseTo(1, 12);
    expect(spendFrequencyCorrelation(perfectlyCorrelated.slice(0, 1))).toBeNaN();
  });
});
