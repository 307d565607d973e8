import { describe, expect, it } from "vitest";
import {
  axisScale,
  bandLayout,
  durationLogAxis,
  heatColor,
  heatTextIsLight,
  linearAxis,
  linePath,
  niceScale,
  niceStep,
  scaleLinear,
} from "./chart-scale";

describe("niceStep", () => {
  it("rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(23)).toBe(25);
    expect(niceStep(420)).toBe(500);
    expect(niceStep(7000)).toBe(10000);
    expect(niceStep(0)).toBe(1);
  });
});

describe("niceScale", () => {
  it("covers the values from zero with round ticks", () => {
    const scale = niceScale([120, 870, 430]);
    expect(scale).toEqual({ min: 0, max: 1000, step: 250, ticks: [0, 250, 500, 750, 1000] });
  });

  it("includes negative values (a period's change can be below zero)", () => {
    const scale = niceScale([-30, 70]);
    expect(scale.min).toBeLessThanOrEqual(-30);
    expect(scale.max).toBeGreaterThanOrEqual(70);
    expect(scale.ticks).toContain(0);
  });

  it("gives an empty or all-zero series an axis", () => {
    expect(niceScale([]).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceScale([0, 0]).max).toBe(1);
  });

  it("keeps float noise out of tick labels", () => {
    const scale = niceScale([0.3]);
    for (const tick of scale.ticks) expect(String(tick)).not.toMatch(/0000/);
  });
});

describe("scaleLinear", () => {
  it("maps a domain onto a range, flipped for SVG's y axis", () => {
    const y = scaleLinear([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(25)).toBe(150);
    expect(y(100)).toBe(0);
  });

  it("maps a zero-width domain to the middle", () => {
    expect(scaleLinear([5, 5], [0, 10])(5)).toBe(5);
  });
});

describe("bandLayout", () => {
  it("spaces bars evenly with a gap", () => {
    const bands = bandLayout(4, [0, 100], 0.2);
    expect(bands.step).toBe(25);
    expect(bands.width).toBe(20);
    expect(bands.x(0)).toBe(2.5);
    expect(bands.x(3)).toBe(77.5);
  });
});

describe("linePath", () => {
  it("draws through the points and breaks at gaps", () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 1, y: 20 },
        { x: 2, y: null },
        { x: 3, y: 5.555 },
        { x: 4, y: 6 },
      ]),
    ).toBe("M0 10 L1 20 M3 5.56 L4 6");
    expect(linePath([])).toBe("");
  });
});

describe("heatColor", () => {
  it("darkens with the share and is blank without one", () => {
    expect(heatColor(0)).toBe("hsl(150 45% 96%)");
    expect(heatColor(1)).toBe("hsl(150 45% 32%)");
    expect(heatColor(2)).toBe("hsl(150 45% 32%)");
    expect(heatColor(undefined)).toBe("transparent");
    expect(heatTextIsLight(0.9)).toBe(true);
    expect(heatTextIsLight(0.2)).toBe(false);
  });
});

describe("durationLogAxis", () => {
  it("spans named durations around minutes-to-months delays", () => {
    const axis = durationLogAxis([28 * 60, 12 * 86_400, 116 * 86_400]);
    expect(axis.ticks).toEqual([
      600, 3_600, 21_600, 86_400, 604_800, 2_592_000, 7_776_000, 31_536_000,
    ]);
    expect(axis.min).toBe(600);
    expect(axis.max).toBe(31_536_000);
  });

  it("places values by their logarithm, zero at the floor", () => {
    const axis = durationLogAxis([60, 6_000]);
    const y = axisScale(axis, [100, 0]);
    expect(y(axis.min)).toBe(100);
    expect(y(axis.max)).toBe(0);
    expect(y(0)).toBe(100);
    expect(y(600)).toBeCloseTo(100 - 100 * (Math.log10(600 / 60) / Math.log10(axis.max / 60)));
  });

  it("still draws an axis without delays", () => {
    expect(durationLogAxis([]).ticks.length).toBeGreaterThan(0);
  });
});

describe("axisScale", () => {
  it("is linear without a map", () => {
    const y = axisScale(linearAxis([0, 100]), [200, 0]);
    expect(y(50)).toBe(100);
  });
});
