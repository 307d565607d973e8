// An import run's status as a badge.
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

export function ImportStatusBadge({
  run,
  testId,
}: {
  run: Pick<Run, "status" | "done" | "rowsRejected">;
  testId?: string;
}) {
  const statusTone = runStatusTone(run.status);
  // A finished run that rejected rows asks for a look at its error report.
  const tone = statusTone === "good" && run.rowsRejected > 0 ? "warn" : statusTone;
  const label = statusLabels[run.status];
  return (
    <Badge tone={tone} testId={testId}>
      {label}
    </Badge>
  );
}
