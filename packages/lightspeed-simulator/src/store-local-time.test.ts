import { describe, expect, it } from "vitest";
import { formatEcomTimestamp, formatLocalDateTime, formatPickupNoteTime } from "./store-local-time";

const zone = "America/Chicago";

describe("formatEcomTimestamp", () => {
  it("writes store-local time without offset, 6 h behind UTC in winter and 5 h in summer", () => {
    expect(formatEcomTimestamp(Date.parse("2026-01-06T19:15:00Z"), zone)).toBe(
      "Jan 6, 2026 01:15 PM",
    );
    expect(formatEcomTimestamp(Date.parse("2025-07-04T14:05:00Z"), zone)).toBe(
      "Jul 4, 2025 09:05 AM",
    );
  });

  it("switches offset at the DST boundary", () => {
    // 2026-03-08 02:00 CST → 03:00 CDT.
    expect(formatEcomTimestamp(Date.parse("2026-03-08T07:59:00Z"), zone)).toBe(
      "Mar 8, 2026 01:59 AM",
    );
    expect(formatEcomTimestamp(Date.parse("2026-03-08T08:00:00Z"), zone)).toBe(
      "Mar 8, 2026 03:00 AM",
    );
  });
});

describe("formatLocalDateTime", () => {
  it("writes midnight as 00, not 24", () => {
    expect(formatLocalDateTime(Date.parse("2026-01-01T06:00:00Z"), zone)).toBe(
      "2026-01-01 00:00:00",
    );
  });
});

describe("formatPickupNoteTime", () => {
  it("matches the observed note shape", () => {
    expect(formatPickupNoteTime(Date.parse("2026-01-06T02:00:00Z"), zone)).toBe(
      "Mon, Jan 05, 2026, 8:00 PM",
    );
  });
});
