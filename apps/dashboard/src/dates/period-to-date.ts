// The current period is not over: its figures are "to date", and comparing them with the previous
// whole period would show a drop that is not one. Such a period is labelled and not compared.
import { type Granularity, periodEnd } from "./range-start";

/** "month to date" / "week to date" when the period starting at `start` runs past `asOf`; else null. */
export function periodToDateLabel(
  start: Date,
  granularity: Granularity,
  { asOf, timeZone }: { asOf: Date; timeZone: string },
): string | null {
  return asOf.getTime() < periodEnd(start, granularity, timeZone).getTime() - 1
    ? `${granularity} to date`
    : null;
}
