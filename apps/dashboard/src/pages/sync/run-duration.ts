// A run's duration from milliseconds: short runs (most polls) keep a tenth of a second, so a
// 300 ms run does not read "0 s"; longer ones as formatDuration says them.
import { formatDuration } from "../../format/format-duration";

export function formatRunDuration(ms: number | null, locale?: string): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (Math.abs(ms) >= 60_000) return formatDuration(ms / 1000);
  const seconds = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000);
  return `${seconds} s`;
}
