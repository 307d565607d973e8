// The app's `inactiveSegment` from days since the last order, on configurable boundaries.
import type { AnalyticsConfig, InactivitySegment } from "./analytics-config";

/**
 * With the defaults: 0–29 days `active`, 30–59 `30d`, 60–89 `60d`, 90 or more `90d+`.
 * Null for a customer with no counted order: the scripts called them `active`, which made
 * customers who never bought look engaged.
 */
export function inactivitySegmentOf(
  daysSinceLastOrder: number | null,
  config: Pick<AnalyticsConfig, "inactivityFromDays">,
): InactivitySegment | null {
  if (daysSinceLastOrder === null) return null;
  let segment: InactivitySegment = "active";
  let boundary = Number.NEGATIVE_INFINITY;
  for (const [candidate, fromDays] of Object.entries(config.inactivityFromDays) as Array<
    [Exclude<InactivitySegment, "active">, number]
  >) {
    // The largest boundary reached wins, whatever order the configuration lists them in.
    if (daysSinceLastOrder >= fromDays && fromDays > boundary) {
      segment = candidate;
      boundary = fromDays;
    }
  }
  return segment;
}
