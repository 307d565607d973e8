import { describe, expect, it } from "vitest";
import {
  dropCrowdedTicks,
  frameLayout,
  labelStride,
  placeXLabels,
  plotYRange,
  thinTicks,
  yLabelMargin,
} from "./chart-layout";
import { axisScale, bandLayout, durationLogAxis, linearAxis } from "./chart-scale";

const margin = { top: 12, right: 12, bottom: 30, left: 64 };

/** A fixed-pitch font: 7 px a character, so expected widths are easy to check. */
const measure = (text: string) => text.length * 7;

/** Fails naming the pair when two printed labels' boxes overlap or one leaves the chart. */
function expectApartAndInside(
  placements: readonly { index: number; x: number }[],
  labels: readonly string[],
  width: number,
): void {
  const boxes = placements.map(({ index, x }) => {
    const half = measure(labels[index] ?? "") / 2;
    return { index, left: x - half, right: x + half };
  });
  for (const box of boxes) {
    expect(box.left, `label ${box.index} starts left of the chart`).toBeGreaterThanOrEqual(0);
    expect(box.right, `label ${box.index} ends past the chart`).toBeLessThanOrEqual(width);
  }
  for (const [i, box] of boxes.entries()) {
    const next = boxes[i + 1];
    if (next) {
      expect(box.right, `labels ${box.index} and ${next.index} overlap`).toBeLessThan(next.left);
    }
  }
}

describe("plotYRange", () => {
  it("does run from above the bottom margin up to the top margin", () => {
    expect(plotYRange(220, margin)).toEqual([190, 12]);
  });
});

describe("frameLayout", () => {
  it("does place the axis floor on the plot's bottom and its top on the top margin", () => {
    const axis = linearAxis([0, 40]);
    const frame = frameLayout(axis, { width: 390, height: 220, margin });
    expect(frame.width).toBe(390);
    expect(frame.ticks).toEqual(axis.ticks);
    expect(frame.y(axis.min)).toBe(190);
    expect(frame.y(axis.max)).toBe(12);
  });

  it("does put the x labels' baseline 16 px under the plot", () => {
    expect(frameLayout(linearAxis([1]), { height: 180, margin }).labelY).toBe(166);
  });

  it("does keep fewer y ticks on a plot too short for all their labels", () => {
    const axis = { min: 0, max: 8, ticks: [0, 1, 2, 3, 4, 5, 6, 7, 8] };
    // 78 px of plot: 9.75 px between ticks, two of those make 1.6 lines of 12 px.
    const frame = frameLayout(axis, { height: 120, margin });
    expect(frame.ticks).toEqual([0, 2, 4, 6, 8]);
  });
});

describe("thinTicks", () => {
  it("does keep every tick when they are 1.6 lines apart or more", () => {
    expect(thinTicks([0, 250, 500, 750, 1000], 178, 12)).toEqual([0, 250, 500, 750, 1000]);
  });

  it("does keep every n-th tick from the floor when they would crowd", () => {
    const ticks = [60, 600, 3_600, 21_600, 86_400, 604_800, 2_592_000, 7_776_000, 31_536_000];
    // 8 gaps of 7.5 px; 1.6 lines of 12 px need every third, every fourth also keeps the top.
    expect(thinTicks(ticks, 60, 12)).toEqual([60, 86_400, 31_536_000]);
  });

  it("does thin by what is needed when keeping the top would leave too few", () => {
    // 7 gaps of 10 px: every second tick; only every seventh would also keep the top.
    expect(thinTicks([0, 1, 2, 3, 4, 5, 6, 7], 70, 12)).toEqual([0, 2, 4, 6]);
  });

  it("does leave two ticks alone however short the plot", () => {
    expect(thinTicks([0, 1], 5, 12)).toEqual([0, 1]);
  });
});

describe("dropCrowdedTicks", () => {
  it("does drop the log axis's named durations that bunch together, keeping the floor", () => {
    const axis = durationLogAxis([600, 31_536_000]);
    const y = axisScale(axis, [178, 0]);
    const kept = dropCrowdedTicks(axis.ticks, y, 12);
    expect(kept[0]).toBe(axis.ticks[0]);
    expect(kept.length).toBeLessThan(axis.ticks.length);
    for (const [i, tick] of kept.entries()) {
      const next = kept[i + 1];
      if (next !== undefined) expect(y(tick) - y(next)).toBeGreaterThanOrEqual(19.2);
    }
  });

  it("does keep evenly spaced ticks that are far enough apart", () => {
    const y = (value: number) => 200 - value;
    expect(dropCrowdedTicks([0, 50, 100, 150, 200], y, 12)).toEqual([0, 50, 100, 150, 200]);
  });
});

describe("yLabelMargin", () => {
  it("does fit the widest tick label plus the gap to the plot", () => {
    expect(yLabelMargin(["$0", "$12.5K", "$25K"], measure)).toBe(6 * 7 + 8);
    expect(yLabelMargin([], measure)).toBe(8);
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

describe("placeXLabels", () => {
  const weeks = Array.from({ length: 52 }, (_, i) => `Week ${String(i + 1).padStart(2, "0")}`);
  const centersIn = (count: number, width: number) => {
    const bands = bandLayout(count, [50, width - 12]);
    return Array.from({ length: count }, (_, i) => bands.x(i) + bands.width / 2);
  };

  it("does print every label, where its bar is, when they fit", () => {
    const labels = ["median", "p90", "p99", "slowest"];
    const centers = centersIn(4, 1000);
    const placed = placeXLabels({ labels, centers, width: 1000, measure });
    expect(placed).toEqual(centers.map((x, index) => ({ index, x })));
  });

  it("does keep the desktop's cap of about maxLabels labels on a wide chart", () => {
    const placed = placeXLabels({
      labels: weeks,
      centers: centersIn(52, 1400),
      width: 1400,
      measure,
    });
    expect(placed.map((p) => p.index)).toEqual([0, 7, 14, 21, 28, 35, 42, 49]);
  });

  it("does print fewer labels on a phone-wide chart, none overlapping", () => {
    const width = 330;
    const centers = centersIn(52, width);
    const placed = placeXLabels({ labels: weeks, centers, width, measure });
    // "Week 01" is 49 px: at most 330 / (49 + 8) of them fit side by side.
    expect(placed.length).toBeLessThanOrEqual(5);
    expect(placed.length).toBeGreaterThanOrEqual(3);
    expect(placed[0]?.index).toBe(0);
    const stride = (placed[1]?.index ?? 0) - (placed[0]?.index ?? 0);
    expect(placed.every((p, i) => p.index === i * stride)).toBe(true);
    expectApartAndInside(placed, weeks, width);
  });

  it("does thin five wide bucket labels that would touch at 390 px", () => {
    const labels = ["3–7 days", "8–14 days", "15–30 days", "31–60 days", "over 60 days"];
    const width = 330;
    const placed = placeXLabels({ labels, centers: centersIn(5, width), width, measure });
    expect(placed.map((p) => p.index)).toEqual([0, 2, 4]);
    expectApartAndInside(placed, labels, width);
  });

  it("does move a label at an edge inside the chart instead of cutting it off", () => {
    const labels = ["January 2026", "February 2026"];
    const placed = placeXLabels({ labels, centers: [10, 290], width: 300, measure });
    expect(placed).toEqual([
      { index: 0, x: (12 * 7) / 2 },
      { index: 1, x: 300 - (13 * 7) / 2 },
    ]);
  });

  it("does print only the first label when not even two fit", () => {
    const labels = ["A long label", "Another long one"];
    expect(placeXLabels({ labels, centers: [30, 70], width: 100, measure })).toEqual([
      { index: 0, x: 42 },
    ]);
  });

  it("does print nothing without labels", () => {
    expect(placeXLabels({ labels: [], centers: [], width: 300, measure })).toEqual([]);
  });
});
