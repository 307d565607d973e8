// An import run's status as a badge, and where the tail of a written import is.
import type { RouterOutputs } from "@greenloop/app-client";
import { runStatusTone } from "../../components/run-status-tone";
import { Badge } from "../../components/ui";

type Run = RouterOutputs["imports"]["progress"];

/** Every status the API sends: a new one fails the type check until it has its label here. */
const statusLabels: Record<Run["status"], string> = {
  RUNNING: "running",
  SUCCEEDED: "done",
  FAILED: "failed",
  DRY_RUN: "dry run",
  INTERRUPTED: "interrupted",
};

/**
 * A run whose rows are written is SUCCEEDED, but until its last merge and the analytics are done
 * the customers' numbers do not include the file: it says so, as running does.
 */
const tailLabels: Record<Run["phase"], string | null> = {
  reading: null,
  merging: "merging",
  analytics: "updating analytics",
  done: null,
};

export function ImportStatusBadge({
  run,
  testId,
}: {
  run: Pick<Run, "status" | "done" | "phase" | "rowsRejected">;
  testId?: string;
}) {
  const tail = tailLabels[run.phase];
  const statusTone = tail ? "info" : runStatusTone(run.status);
  // A finished run that rejected rows asks for a look at its error report.
  const tone = statusTone === "good" && run.rowsRejected > 0 ? "warn" : statusTone;
  const label = tail ?? statusLabels[run.status];
  return (
    <Badge tone={tone} testId={testId}>
      {label}
    </Badge>
  );
}
