import { describe, expect, it } from "vitest";
import { seriesOf } from "./line-series";

describe("seriesOf", () => {
  it("does read one series per spec off the rows, in the rows' order", () => {
    const weeks = [
      { p50: 60, p90: 600 },
      { p50: null, p90: 900 },
    ];
    expect(
      seriesOf(weeks, [
        { name: "Median", color: "red", value: (week) => week.p50 },
        { name: "p90", color: "blue", value: (week) => week.p90 },
      ]),
    ).toEqual([
      { name: "Median", color: "red", values: [60, null] },
      { name: "p90", color: "blue", values: [600, 900] },
    ]);
  });

  it("does give empty series for no rows", () => {
    expect(seriesOf([], [{ name: "New", color: "green", value: () => 1 }])).toEqual([
      { name: "New", color: "green", values: [] },
    ]);
  });
});
