// An import run's status as a badge (import-run-badge.ts says what it reads).
import type { RouterOutputs } from "@greenloop/app-client";
import { Badge } from "../../components/ui";
import { importRunBadge } from "./import-run-badge";

type Run = RouterOutputs["imports"]["progress"];

export function ImportStatusBadge({
  run,
  testId,
}: {
  run: Pick<Run, "status" | "phase" | "rowsRejected">;
  testId?: string;
}) {
  const { label, tone } = importRunBadge(run);
  return (
    <Badge tone={tone} testId={testId}>
      {label}
    </Badge>
  );
}
