// An import run's status as a badge.
import type { RouterOutputs } from "@greenloop/app-client";
import { Badge } from "../../components/ui";

type Run = RouterOutputs["imports"]["progress"];

export function ImportStatusBadge({
  run,
  testId,
}: {
  run: Pick<Run, "status" | "done" | "rowsRejected">;
  testId?: string;
}) {
  const tone =
    run.status === "FAILED"
      ? "bad"
      : run.status === "RUNNING"
        ? "info"
        : run.rowsRejected > 0
          ? "warn"
          : "good";
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
