import { describe, expect, it } from "vitest";
import { countAxis, divergingCountAxis } from "./count-axis";

describe("countAxis", () => {
  it("ticks whole numbers only, from zero past the highest count", () => {
    expect(countAxis([0, 1, 0])).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(countAxis([])).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(countAxis([3, 2])).toEqual({ min: 0, max: 3, ticks: [0, 1, 2, 3] });
    expect(countAxis([10])).toEqual({ min: 0, max: 10, ticks: [0, 2, 4, 6, 8, 10] });
    expect(countAxis([37, 5])).toEqual({ min: 0, max: 40, ticks: [0, 10, 20, 30, 40] });
  });
});

describe("divergingCountAxis", () => {
  it("ticks whole numbers on one step above and below zero", () => {
    expect(divergingCountAxis(30, 12)).toEqual({ min: -20, max: 40, ticks: [-20, 0, 20, 40] });
    expect(divergingCountAxis(1, 0)).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(divergingCountAxis(0, 0)).toEqual({ min: 0, max: 1, ticks: [0, 1] });
    expect(divergingCountAxis(2, 3)).toEqual({ min: -4, max: 2, ticks: [-4, -2, 0, 2] });
  });
});
