import { describe, expect, it } from "vitest";
import { formatRunDuration } from "./run-duration";

describe("formatRunDuration", () => {
  it("keeps a tenth of a second under a minute", () => {
    expect(formatRunDuration(340, "en-US")).toBe("0.3 s");
    expect(formatRunDuration(12_050, "en-US")).toBe("12.1 s");
    expect(formatRunDuration(0, "en-US")).toBe("0 s");
  });

  it("says longer runs in minutes and hours", () => {
    expect(formatRunDuration(125_000, "en-US")).toBe("2 min");
    expect(formatRunDuration(3_900_000, "en-US")).toBe("1 h 5 min");
  });

  it("shows a dash while running", () => {
    expect(formatRunDuration(null)).toBe("—");
  });
});
