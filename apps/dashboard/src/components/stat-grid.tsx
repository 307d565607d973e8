// A row of stat cards whose test ids share a prefix (`summary-orderCount`, `import-rowsRead`).
import type { ReactNode } from "react";
import { Stat } from "./ui";

export interface StatItem {
  /** The test id's suffix. */
  id: string;
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "good" | "warn" | "bad";
}

export function StatGrid({
  items,
  idPrefix,
  testId,
  small = false,
}: {
  items: readonly StatItem[];
  idPrefix: string;
  testId?: string;
  small?: boolean;
}) {
  return (
    <div className={small ? "stats small-stats" : "stats"} data-testid={testId}>
      {items.map(({ id, ...stat }) => (
        <Stat key={id} {...stat} testId={`${idPrefix}-${id}`} />
      ))}
    </div>
  );
}
