import { describe, expect, it } from "vitest";
import { ZoneOffsets } from "../zone-offsets";
import { parseExportTimestamp } from "./export-timestamps";

const chicago = new ZoneOffsets("America/Chicago");
const iso = (text: string, zone = chicago) =>
  parseExportTimestamp(text, zone)?.toISOString() ?? null;

describe("parseExportTimestamp", () => {
  it("reads the E-Series month-name shape as store-local time (winter, UTC-6)", () => {
    expect(iso("Jan 6, 2026 01:15 PM")).toBe("2026-01-06T19:15:00.000Z");
    expect(iso("Dec 18, 2025 09:05 AM")).toBe("2025-12-18T15:05:00.000Z");
  });

  it("reads the numeric shape with an unpadded 12-hour clock (summer, UTC-5)", () => {
    expect(iso("2026-04-20 9:41 AM")).toBe("2026-04-20T14:41:00.000Z");
    expect(iso("2026-04-20 12:05 AM")).toBe("2026-04-20T05:05:00.000Z");
    expect(iso("2026-04-20 12:05 PM")).toBe("2026-04-20T17:05:00.000Z");
  });

  it("uses the offset written in Shopify dates instead of the store zone", () => {
    expect(iso("2026-01-06 13:15:02 -0600")).toBe("2026-01-06T19:15:02.000Z");
    expect(iso("2025-10-07 09:50:26 +0200")).toBe("2025-10-07T07:50:26.000Z");
  });

  it("converts the instants around spring-forward correctly and moves gap times forward", () => {
    expect(iso("Mar 8, 2026 01:59 AM")).toBe("2026-03-08T07:59:00.000Z");
    // 02:30 does not exist in Chicago that night: read with the pre-transition offset (= 03:30 CDT).
    expect(iso("Mar 8, 2026 02:30 AM")).toBe("2026-03-08T08:30:00.000Z");
    expect(iso("Mar 8, 2026 03:00 AM")).toBe("2026-03-08T08:00:00.000Z");
  });

  it("takes the earlier instant for the repeated hour at fall-back", () => {
    expect(iso("Nov 1, 2026 12:59 AM")).toBe("2026-11-01T05:59:00.000Z");
    expect(iso("Nov 1, 2026 01:30 AM")).toBe("2026-11-01T06:30:00.000Z");
    expect(iso("Nov 1, 2026 02:00 AM")).toBe("2026-11-01T08:00:00.000Z");
  });

  it("handles zones east of UTC and half-hour offsets", () => {
    expect(iso("Mar 29, 2026 02:30 AM", new ZoneOffsets("Europe/Berlin"))).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(iso("2026-01-06 10:00 AM", new ZoneOffsets("Asia/Kolkata"))).toBe(
      "2026-01-06T04:30:00.000Z",
    );
  });

  it("returns null for text that is not a date or an impossible date", () => {
    expect(iso("yesterday")).toBeNull();
    expect(iso("Feb 30, 2026 01:00 PM")).toBeNull();
    expect(iso("2026-01-06 13:15 PM")).toBeNull();
    expect(iso("")).toBeNull();
  });
});
