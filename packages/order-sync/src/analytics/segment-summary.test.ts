import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { type RfmSegment, rfmSegments } from "./rfm";
import { summarizeSegments } from "./segment-summary";

const member = <S extends string>(segment: S, spend: string) => ({
  segment,
  totalSpend: new Decimal(spend),
});

describe("summarizeSegments", () => {
  it("does count customers and add revenue per segment, with shares", () => {
    const rows = summarizeSegments([
      member("Loyal", "300"),
      member("Champions", "900"),
      member("Loyal", "100"),
      member("Lost", "0"),
    ]);
    expect(
      rows.map((row) => [
        row.segment,
        row.customerCount,
        row.revenue.toFixed(2),
        row.customerShare,
        row.revenueShare,
      ]),
    ).toEqual([
      ["Champions", 1, "900.00", 0.25, 900 / 1300],
      ["Loyal", 2, "400.00", 0.5, 400 / 1300],
      ["Lost", 1, "0.00", 0.25, 0],
    ]);
  });

  it("does list the given segments first, in order, empty ones included", () => {
    const rows = summarizeSegments<RfmSegment>([member("Lost", "5"), member("New", "50")], {
      segments: rfmSegments,
    });
    expect(rows.map((row) => row.segment)).toEqual([...rfmSegments]);
    expect(rows.find((row) => row.segment === "Champions")?.customerCount).toBe(0);
  });

  it("does put unlisted segments after the listed ones, by revenue then name", () => {
    const rows = summarizeSegments(
      [member("b", "10"), member("a", "10"), member("z", "1"), member("x", "99")],
      {
        segments: ["z"],
      },
    );
    expect(rows.map((row) => row.segment)).toEqual(["z", "x", "a", "b"]);
  });

  it("does leave shares undefined when there is nothing to share", () => {
    expect(summarizeSegments([member("Lost", "0")])[0]).toMatchObject({
      customerShare: 1,
      revenueShare: null,
    });
    expect(summarizeSegments([], { segments: ["Lost"] })[0]).toMatchObject({
      customerCount: 0,
      customerShare: null,
      revenueShare: null,
    });
  });
});
