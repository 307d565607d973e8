// What an import run's badge says, and in which tone. A run whose rows are written is SUCCEEDED,
// but until its last merge and the analytics are done the customers' numbers do not include the
// file: the badge says so, in the tone of a running run.
import type { RouterOutputs } from "@greenloop/app-client";
import { runStatusTone } from "../../components/run-status-tone";
import type { BadgeTone } from "../../components/ui";

type Run = RouterOutputs["imports"]["progress"];

/** Every status the API sends: a new one fails the type check until it has its label here. */
const statusLabels: Record<Run["status"], string> = {
  RUNNING: "running",
  SUCCEEDED: "done",
  FAILED: "failed",
  DRY_RUN: "dry run",
  INTERRUPTED: "interrupted",
};

const tailLabels: Record<Run["phase"], string | null> = {
  reading: null,
  merging: "merging",
  analytics: "updating analytics",
  done: null,
};

export function importRunBadge(run: Pick<Run, "status" | "phase" | "rowsRejected">): {
  label: string;
  tone: BadgeTone;
} {
  const tail = tailLabels[run.phase];
  const statusTone = tail ? "info" : runStatusTone(run.status);
  // A finished run that rejected rows asks for a look at its error report.
  const tone = statusTone === "good" && run.rowsRejected > 0 ? "warn" : statusTone;
  return { label: tail ?? statusLabels[run.status], tone };
}
