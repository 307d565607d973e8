import { describe, expect, it } from "vitest";
import { frameLayout, labelStride, plotYRange } from "./chart-layout";
import { linearAxis } from "./chart-scale";

const margin = { top: 12, right: 12, bottom: 30, left: 64 };

describe("plotYRange", () => {
  it("does run from above the bottom margin up to the top margin", () => {
    expect(plotYRange(220, margin)).toEqual([190, 12]);
  });
});

describe("frameLayout", () => {
  it("does place the axis floor on the plot's bottom and its top on the top margin", () => {
    const axis = linearAxis([0, 40]);
    const frame = frameLayout(axis, 220, margin);
    expect(frame.ticks).toEqual(axis.ticks);
    expect(frame.y(axis.min)).toBe(190);
    expect(frame.y(axis.max)).toBe(12);
  });

  it("does put the x labels' baseline 16 px under the plot", () => {
    expect(frameLayout(linearAxis([1]), 180, margin).labelY).toBe(166);
  });
});

describe("labelStride", () => {
  it("does print every label when they fit", () => {
    expect(labelStride(0, 8)).toBe(1);
    expect(labelStride(8, 8)).toBe(1);
  });

  it("does thin the labels out past the maximum", () => {
    expect(labelStride(9, 8)).toBe(2);
    expect(labelStride(52, 8)).toBe(7);
  });
});
