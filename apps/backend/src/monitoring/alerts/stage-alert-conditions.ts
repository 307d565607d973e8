// A rule's conditions, staged in a temporary table for the evaluation's transaction: the
// transitions are then joins between it and SyncAlert, however many subjects there are, and no
// statement carries one parameter per subject. A list travels as one array parameter per column.
import { Prisma, pgTextArray } from "@greenloop/db";
import type { AlertCondition, AlertConditions } from "./alert-rule";

/** The staged conditions' table; dropped when the evaluation's transaction ends. */
export const stagedConditions = Prisma.raw("alert_condition");

export async function stageAlertConditions(
  tx: Prisma.TransactionClient,
  conditions: AlertConditions,
): Promise<void> {
  await tx.$executeRaw`CREATE TEMPORARY TABLE ${stagedConditions} (
      subject_key text PRIMARY KEY,
      details jsonb,
      title text NOT NULL,
      message text NOT NULL
    ) ON COMMIT DROP`;
  if (!Array.isArray(conditions)) {
    await tx.$executeRaw`INSERT INTO ${stagedConditions} (subject_key, details, title, message)
      SELECT q.subject_key, q.details, q.title, q.message FROM (${conditions.sql}) AS q`;
    // A new table has no statistics: without them the joins that follow are planned blind.
    await tx.$executeRaw`ANALYZE ${stagedConditions}`;
    return;
  }
  if (conditions.length === 0) return;
  const column = (value: (condition: AlertCondition) => string | null) =>
    pgTextArray(conditions.map(value));
  await tx.$executeRaw`INSERT INTO ${stagedConditions} (subject_key, details, title, message)
    SELECT c.subject_key, c.details::jsonb, c.title, c.message
    FROM unnest(
      ${column((c) => c.subjectKey)}::text[],
      ${column((c) => (c.details ? JSON.stringify(c.details) : null))}::text[],
      ${column((c) => c.title)}::text[],
      ${column((c) => c.message)}::text[]
    ) AS c(subject_key, details, title, message)`;
}
