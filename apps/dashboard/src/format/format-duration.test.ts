import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it("says durations as people do", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(12 * 60 + 20)).toBe("12 min");
    expect(formatDuration(3 * 3600)).toBe("3 h");
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe("3 h 20 min");
    expect(formatDuration(4 * 86400 + 6 * 3600)).toBe("4 d 6 h");
    expect(formatDuration(30 * 86400)).toBe("30 d");
  });

  it("handles none and negative durations", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-90)).toBe("−1 min");
  });
});
