import { describe, expect, it } from "vitest";
import { filterOptions, optionsFromLabels, pickedOption } from "./select-options";

describe("optionsFromLabels", () => {
  it("does one option per label, in the record's order", () => {
    expect(optionsFromLabels({ spend: "Lifetime spend", recency: "Last order" })).toEqual([
      { value: "spend", label: "Lifetime spend" },
      { value: "recency", label: "Last order" },
    ]);
  });
});

describe("pickedOption", () => {
  it("does give back a string option's value", () => {
    const options = [
      { value: "month", label: "month" },
      { value: "week", label: "week" },
    ] as const;
    expect(pickedOption(options, "week")).toBe("week");
  });

  it("does give back a number option as a number", () => {
    const options = [6, 12, 24].map((value) => ({ value, label: `last ${value} months` }));
    expect(pickedOption(options, "12")).toBe(12);
  });

  it("does find the empty value of an 'all' option", () => {
    expect(
      pickedOption(
        [
          { value: "", label: "All" },
          { value: "OPEN", label: "Open" },
        ],
        "",
      ),
    ).toBe("");
  });

  it("does give undefined for text no option has", () => {
    expect(pickedOption([{ value: 1, label: "one" }], "2")).toBeUndefined();
  });
});

describe("filterOptions", () => {
  it("does put the no-filter option first, then each value", () => {
    expect(filterOptions("All tiers", ["Gold", "Silver"])).toEqual([
      { value: "", label: "All tiers" },
      { value: "Gold", label: "Gold" },
      { value: "Silver", label: "Silver" },
    ]);
  });

  it("does offer only the no-filter option before the values load", () => {
    expect(filterOptions("All segments", [])).toEqual([{ value: "", label: "All segments" }]);
  });
});
