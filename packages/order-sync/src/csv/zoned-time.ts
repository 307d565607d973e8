// Store-local wall time → UTC with only Intl (Node 20 has no Temporal), DST-correct, plus the date
// shapes the exports use (reference §1.5, §3.2).
import { DomainError } from "../errors";

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

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Offset lookups for one time zone, memoised per quarter hour (zones only change on those). */
export class ZoneOffsets {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, number>();
  private readonly wallCache = new Map<number, number>();

  constructor(timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch (cause) {
      throw new DomainError(
        "BAD_INPUT",
        `unknown time zone "${timeZone}" (expected an IANA name)`,
        {
          cause,
        },
      );
    }
    this.timeZone = timeZone;
  }

  /** Milliseconds to add to a UTC instant to get the zone's wall time at that instant. */
  offsetAt(utcMs: number): number {
    const bucket = Math.floor(utcMs / (15 * 60_000));
    const cached = this.cache.get(bucket);
    if (cached !== undefined) return cached;
    const at = bucket * 15 * 60_000;
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(at)) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    const offset = wall - at;
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(bucket, offset);
    return offset;
  }

  /**
   * The UTC instant of a wall time. Ambiguous times (fall back) take the earlier instant; times in
   * a spring-forward gap move forward by the gap (Temporal's "compatible" disambiguation).
   */
  wallToUtc(wallMs: number): number {
    // Most days have no transition: one offset serves the whole wall day (NaN marks the others).
    const day = Math.floor(wallMs / DAY_MS);
    let offset = this.wallCache.get(day);
    if (offset === undefined) {
      const start = day * DAY_MS;
      const startOffset = start - this.resolve(start);
      const end = start + DAY_MS - 60_000;
      offset = end - this.resolve(end) === startOffset ? startOffset : Number.NaN;
      if (this.wallCache.size > 100_000) this.wallCache.clear();
      this.wallCache.set(day, offset);
    }
    return Number.isNaN(offset) ? this.resolve(wallMs) : wallMs - offset;
  }

  private resolve(wallMs: number): number {
    const before = this.offsetAt(wallMs - DAY_MS);
    const after = this.offsetAt(wallMs + DAY_MS);
    let best: number | null = null;
    for (const offset of before === after ? [before] : [before, after]) {
      const candidate = wallMs - offset;
      if (this.offsetAt(candidate) === offset && (best === null || candidate < best)) {
        best = candidate;
      }
    }
    if (best !== null) return best;
    // In a gap: read the wall time with the offset in force before the transition.
    return wallMs - before;
  }
}

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
