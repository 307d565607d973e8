import { describe, expect, it } from "vitest";
import { rangeStart } from "./range-start";

describe("rangeStart", () => {
  const now = new Date("2025-03-13T15:20:00Z"); // a Thursday

  it("starts N months back at 00:00 UTC on the 1st", () => {
    expect(rangeStart(now, "month", 1).toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(rangeStart(now, "month", 12).toISOString()).toBe("2024-04-01T00:00:00.000Z");
  });

  it("starts N ISO weeks back on a Monday", () => {
    expect(rangeStart(now, "week", 1).toISOString()).toBe("2025-03-10T00:00:00.000Z");
    expect(rangeStart(now, "week", 3).toISOString()).toBe("2025-02-24T00:00:00.000Z");
  });

  it("is the same all day long, so query keys stay put", () => {
    const morning = new Date("2025-03-13T00:00:01Z");
    const night = new Date("2025-03-13T23:59:59Z");
    expect(rangeStart(morning, "week", 12)).toEqual(rangeStart(night, "week", 12));
    expect(rangeStart(morning, "month", 12)).toEqual(rangeStart(night, "month", 12));
  });

  it("treats a Sunday as the end of its ISO week", () => {
    expect(rangeStart(new Date("2025-03-16T12:00:00Z"), "week", 1).toISOString()).toBe(
      "2025-03-10T00:00:00.000Z",
    );
  });
});
