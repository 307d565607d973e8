// The date shapes the exports write (reference §1.5, §3.2), read to UTC: the time rule every
// format uses today. A time with an offset (Shopify) keeps it; one without is store-local.
import type { ZoneOffsets } from "../zone-offsets";
import type { TimeRule } from "./ecom-export-format";

const HOUR_MS = 3_600_000;
const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

function hour24(hour: number, meridiem: string | undefined): number | null {
  if (meridiem === undefined) return hour <= 23 ? hour : null;
  if (hour < 1 || hour > 12) return null;
  const pm = meridiem.toLowerCase() === "pm";
  return (hour % 12) + (pm ? 12 : 0);
}

function validWall(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
): number | null {
  if (mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo, d, h, mi, s);
  const check = new Date(ms);
  // Rejects Feb 30 and friends, which Date.UTC silently rolls over.
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo && check.getUTCDate() === d
    ? ms
    : null;
}

// `Jan 6, 2026 01:15 PM` (E-Series), optional seconds.
const MONTH_NAME_SHAPE =
  /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])?$/;
// `2026-04-20 9:41 AM` (E-Series, other locales), `2026-01-06 13:15:02 -0600` (Shopify), ISO-ish.
const NUMERIC_SHAPE =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))? ?([AaPp][Mm])?(?: ?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Parses an export timestamp to a UTC Date. Without an offset the text is wall time in `zone`;
 * with one (Shopify) the offset wins. null when the text is not one of the known shapes.
 */
export function parseExportTimestamp(text: string, zone: ZoneOffsets): Date | null {
  const value = text.trim();
  let wall: number | null = null;
  let offsetMs: number | null = null;
  const named = MONTH_NAME_SHAPE.exec(value);
  if (named) {
    const month = MONTHS[(named[1] ?? "").toLowerCase()];
    const hour = hour24(Number(named[4]), named[7]);
    if (month === undefined || hour === null) return null;
    wall = validWall(
      Number(named[3]),
      month,
      Number(named[2]),
      hour,
      Number(named[5]),
      Number(named[6] ?? 0),
    );
  } else {
    const numeric = NUMERIC_SHAPE.exec(value);
    if (!numeric) return null;
    const hour = hour24(Number(numeric[4]), numeric[7]);
    if (hour === null) return null;
    wall = validWall(
      Number(numeric[1]),
      Number(numeric[2]) - 1,
      Number(numeric[3]),
      hour,
      Number(numeric[5]),
      Number(numeric[6] ?? 0),
    );
    const zoneText = numeric[8];
    if (zoneText !== undefined) {
      if (zoneText === "Z") offsetMs = 0;
      else {
        const digits = zoneText.replace(":", "");
        const sign = digits.startsWith("-") ? -1 : 1;
        const hours = Number(digits.slice(1, 3));
        const minutes = Number(digits.slice(3, 5));
        if (hours > 14 || minutes > 59) return null;
        offsetMs = sign * (hours * HOUR_MS + minutes * 60_000);
      }
    }
  }
  if (wall === null) return null;
  return new Date(offsetMs === null ? zone.wallToUtc(wall) : wall - offsetMs);
}

/** Every export's times: the shapes above, each named once in the message for a bad date. */
export const exportTimeRule: TimeRule = {
  parse: parseExportTimestamp,
  examples: ["Jan 6, 2026 01:15 PM", "2026-04-20 9:41 AM", "2026-01-06 13:15:02 -0600"],
};
