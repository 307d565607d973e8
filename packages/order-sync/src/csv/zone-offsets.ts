// Store-local wall time → UTC with only Intl (Node 20 has no Temporal), DST-correct.
import { DomainError } from "../errors";

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
