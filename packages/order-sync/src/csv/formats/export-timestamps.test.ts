import { describe, expect, it } from "vitest";
import { ZoneOffsets } from "../zone-offsets";
import { parseExportTimestamp } from "./export-timestamps";

const chicago = new ZoneOffsets("America/Chicago");
const berlin = new ZoneOffsets("Europe/Berlin");
const kolkata = new ZoneOffsets("Asia/Kolkata");

/** Per behaviour: export text → the UTC instant it reads as (null: no date), in Chicago unless given. */
type Examples = Array<[text: string, utc: string | null, zone?: ZoneOffsets]>;

const behaviours: Array<[string, Examples]> = [
  [
    "reads the E-Series month-name shape as store-local time (winter, UTC-6)",
    [
      ["Jan 6, 2026 01:15 PM", "2026-01-06T19:15:00.000Z"],
      ["Dec 18, 2025 09:05 AM", "2025-12-18T15:05:00.000Z"],
    ],
  ],
  [
    "reads the numeric shape with an unpadded 12-hour clock (summer, UTC-5)",
    [
      ["2026-04-20 9:41 AM", "2026-04-20T14:41:00.000Z"],
      ["2026-04-20 12:05 AM", "2026-04-20T05:05:00.000Z"],
      ["2026-04-20 12:05 PM", "2026-04-20T17:05:00.000Z"],
    ],
  ],
  [
    "uses the offset written in Shopify dates instead of the store zone",
    [
      ["2026-01-06 13:15:02 -0600", "2026-01-06T19:15:02.000Z"],
      ["2025-10-07 09:50:26 +0200", "2025-10-07T07:50:26.000Z"],
    ],
  ],
  [
    "converts the instants around spring-forward correctly and moves gap times forward",
    [
      ["Mar 8, 2026 01:59 AM", "2026-03-08T07:59:00.000Z"],
      // 02:30 does not exist in Chicago that night: read with the pre-transition offset (= 03:30 CDT).
      ["Mar 8, 2026 02:30 AM", "2026-03-08T08:30:00.000Z"],
      ["Mar 8, 2026 03:00 AM", "2026-03-08T08:00:00.000Z"],
    ],
  ],
  [
    "takes the earlier instant for the repeated hour at fall-back",
    [
      ["Nov 1, 2026 12:59 AM", "2026-11-01T05:59:00.000Z"],
      ["Nov 1, 2026 01:30 AM", "2026-11-01T06:30:00.000Z"],
      ["Nov 1, 2026 02:00 AM", "2026-11-01T08:00:00.000Z"],
    ],
  ],
  [
    "handles zones east of UTC and half-hour offsets",
    [
      ["Mar 29, 2026 02:30 AM", "2026-03-29T01:30:00.000Z", berlin],
      ["2026-01-06 10:00 AM", "2026-01-06T04:30:00.000Z", kolkata],
    ],
  ],
  [
    "returns null for text that is not a date or an impossible date",
    [
      ["yesterday", null],
      ["Feb 30, 2026 01:00 PM", null],
      ["2026-01-06 13:15 PM", null],
      ["", null],
    ],
  ],
];

describe("parseExportTimestamp", () => {
  it.each(behaviours)("%s", (_, examples) => {
    for (const [text, utc, zone = chicago] of examples) {
      expect(parseExportTimestamp(text, zone)?.toISOString() ?? null, text).toBe(utc);
    }
  });
});
