// A job or import run's status as a badge tone: failed is bad, running is news, interrupted (its
// work kept, a re-run finishes it) asks for a look, the rest good.
import type { BadgeTone } from "./ui";

export function runStatusTone(status: string): BadgeTone {
  if (status === "FAILED") return "bad";
  if (status === "RUNNING") return "info";
  if (status === "INTERRUPTED") return "warn";
  return "good";
}
