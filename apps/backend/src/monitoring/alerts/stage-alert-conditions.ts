// A rule's conditions, staged in a temporary table for the evaluation's transaction: the
// transitions are then joins between it and SyncAlert, however many subjects there are, and no
// statement carries one parameter per subject. A list travels as one array parameter per column.
import { Prisma, pgTextArray } from "@greenloop/db";
import type { AlertCondition, AlertConditionQuery, AlertConditions } from "./alert-rule";

/** The staged conditions' table; dropped when the evaluation's transaction ends. */
export const stagedConditions = Prisma.raw("alert_condition");

export interface StagedConditions {
  /** The title and message of a staged subject (from the list, or described by the rule). */
  describe(subjectKey: string, details: Prisma.JsonObject): { title: string; message: string };
}

export async function stageAlertConditions(
  tx: Prisma.TransactionClient,
  conditions: AlertConditions,
): Promise<StagedConditions> {
  // `message` is set for listed conditions only: a changed message refreshes their alert. A
  // query's message is derived from its details, so changed details are what refresh it.
  await tx.$executeRaw`CREATE TEMPORARY TABLE ${stagedConditions} (
      subject_key text PRIMARY KEY,
      details jsonb,
      message text
    ) ON COMMIT DROP`;
  if (Array.isArray(conditions)) return stageList(tx, conditions);
  return stageQuery(tx, conditions as AlertConditionQuery);
}

async function stageList(
  tx: Prisma.TransactionClient,
  conditions: AlertCondition[],
): Promise<StagedConditions> {
  if (conditions.length > 0) {
    const keys = pgTextArray(conditions.map((condition) => condition.subjectKey));
    const details = pgTextArray(
      conditions.map((condition) => (condition.details ? JSON.stringify(condition.details) : null)),
    );
    const messages = pgTextArray(conditions.map((condition) => condition.message));
    await tx.$executeRaw`INSERT INTO ${stagedConditions} (subject_key, details, message)
      SELECT c.subject_key, c.details::jsonb, c.message
      FROM unnest(${keys}::text[], ${details}::text[], ${messages}::text[])
        AS c(subject_key, details, message)`;
  }
  const bySubject = new Map(conditions.map((condition) => [condition.subjectKey, condition]));
  return {
    describe(subjectKey) {
      const condition = bySubject.get(subjectKey);
      if (!condition) throw new Error(`No listed alert condition for subject ${subjectKey}.`);
      return { title: condition.title, message: condition.message };
    },
  };
}

async function stageQuery(
  tx: Prisma.TransactionClient,
  query: AlertConditionQuery,
): Promise<StagedConditions> {
  await tx.$executeRaw`INSERT INTO ${stagedConditions} (subject_key, details)
    SELECT q.subject_key, q.details FROM (${query.sql}) AS q`;
  return { describe: query.describe };
}
