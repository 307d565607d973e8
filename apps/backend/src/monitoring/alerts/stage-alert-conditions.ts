// A rule's conditions, staged in a temporary table for the evaluation's transaction, each beside
// the alert its subject already has (if any): the transitions are then joins by id, however many
// subjects there are, and no statement carries one parameter per subject. A list travels as one
// array parameter per column.
import { Prisma, pgTextArray } from "@greenloop/db";
import type { AlertCondition, AlertConditions, AlertKind } from "./alert-rule";

/** The staged conditions' table; dropped when the evaluation's transaction ends. */
export const stagedConditions = Prisma.raw("alert_condition");

export async function stageAlertConditions(
  tx: Prisma.TransactionClient,
  kind: AlertKind,
  conditions: AlertConditions,
): Promise<void> {
  await tx.$executeRaw`CREATE TEMPORARY TABLE ${stagedConditions} (
      subject_key text PRIMARY KEY,
      details jsonb,
      title text NOT NULL,
      message text NOT NULL,
      alert_id uuid,
      alert_status text
    ) ON COMMIT DROP`;
  const rows = Array.isArray(conditions) ? listedRows(conditions) : conditions.sql;
  // Reading SyncAlert here, apart from the statements that write it, keeps each plan simple.
  await tx.$executeRaw`
    INSERT INTO ${stagedConditions} (subject_key, details, title, message, alert_id, alert_status)
    SELECT q.subject_key, q.details, q.title, q.message, a.id, a.status::text
    FROM (${rows}) AS q
    LEFT JOIN "SyncAlert" a ON a.kind = ${kind} AND a."subjectKey" = q.subject_key`;
  // A new table has no statistics: without them the joins that follow are planned blind.
  await tx.$executeRaw`ANALYZE ${stagedConditions}`;
}

function listedRows(conditions: AlertCondition[]): Prisma.Sql {
  const column = (value: (condition: AlertCondition) => string | null) =>
    pgTextArray(conditions.map(value));
  return Prisma.sql`
    SELECT c.subject_key, c.details::jsonb AS details, c.title, c.message
    FROM unnest(
      ${column((c) => c.subjectKey)}::text[],
      ${column((c) => (c.details ? JSON.stringify(c.details) : null))}::text[],
      ${column((c) => c.title)}::text[],
      ${column((c) => c.message)}::text[]
    ) AS c(subject_key, details, title, message)`;
}
