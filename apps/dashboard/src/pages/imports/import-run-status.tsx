// An import run's status as a badge.
import type { RouterOutputs } from "@greenloop/app-client";
import { runStatusTone } from "../../components/run-status-tone";
import { Badge } from "../../components/ui";

type Run = RouterOutputs["imports"]["progress"];

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
  const label =
    run.status === "RUNNING"
      ? "running"
      : run.status === "DRY_RUN"
        ? "dry run"
        : run.status === "FAILED"
          ? "failed"
          : "done";
  return (
    <Badge tone={tone} testId={testId}>
      {label}
    </Badge>
  );
}
