// Evaluates every alert rule at `now` and applies the transitions: a condition that starts holding
// opens its alert (or reopens a resolved one), one that stops holding resolves it. Only transitions
// notify, so running the evaluation again and again notifies nothing new. One alert per kind and
// subject (SyncAlert's unique key).
import { type Database, Prisma, pgTextArray } from "@greenloop/db";
import { createNotifications } from "../notifications/notification-store";
import type {
  AlertKind,
  AlertResolutionContext,
  AlertRule,
  DescribeResolutions,
} from "./alert-rule";
import type { AlertSettings } from "./alert-settings";
import { importRejectionRule } from "./import-rejection-rule";
import { missingOrderRule } from "./missing-order-rule";
import {
  type AlertTransition,
  notifyTransitions,
  TransitionTally,
} from "./notify-alert-transitions";
import { pollFailingRule, pollStaleRule } from "./poll-rules";
import { signatureSpikeRule } from "./signature-spike-rule";
import { stageAlertConditions, stagedConditions } from "./stage-alert-conditions";
import { webhookDeadLetterRule } from "./webhook-dead-letter-rule";

const alertRules: readonly AlertRule[] = [
  missingOrderRule,
  pollFailingRule,
  pollStaleRule,
  webhookDeadLetterRule,
  signatureSpikeRule,
  importRejectionRule,
];

export interface AlertTransitions {
  kind: AlertKind;
  /** How many alerts opened (or reopened), and how many resolved. */
  opened: number;
  resolved: number;
  /** The first subjects that opened and resolved, in subject order (at most `listedSubjects`). */
  openedSubjects: string[];
  resolvedSubjects: string[];
}

export interface EvaluateAlertsResult {
  /** Kinds whose rule applied, with the subjects that opened (or reopened) and resolved. */
  transitions: AlertTransitions[];
  /** Alerts open (or acknowledged) after the evaluation. */
  open: number;
  notificationsCreated: number;
}

export async function evaluateAlerts(
  db: Pick<Database, "prisma">,
  options: { now: Date; settings: AlertSettings; rules?: readonly AlertRule[] },
): Promise<EvaluateAlertsResult> {
  const transitions: AlertTransitions[] = [];
  let notificationsCreated = 0;
  for (const rule of options.rules ?? alertRules) {
    const result = await evaluateRule(db, rule, options);
    if (!result) continue;
    transitions.push(result.transitions);
    notificationsCreated += result.notificationsCreated;
  }
  const open = await db.prisma.syncAlert.count({ where: { status: { not: "RESOLVED" } } });
  return { transitions, open, notificationsCreated };
}

// Openings are one statement, and so are the resolutions of a rule that describes them as a query;
// the other rules describe theirs a page of subjects at a time. Nothing holds more than a page in
// memory (or in one statement's parameters), whether 3 or 200,000 orders are missing.
const PAGE_SIZE = 1_000;

/** The subjects kept for the result and a digest notification; the counts are always whole. */
export const listedSubjects = 100;

async function evaluateRule(
  db: Pick<Database, "prisma">,
  rule: AlertRule,
  options: { now: Date; settings: AlertSettings },
) {
  const { now, settings } = options;
  const conditions = await rule.evaluate({
    db,
    now,
    settings,
    hasOpenAlert: async (subjectKey) =>
      (await db.prisma.syncAlert.count({
        where: { kind: rule.kind, subjectKey, status: { not: "RESOLVED" } },
      })) > 0,
  });
  if (conditions === null) return null;

  return db.prisma.$transaction(
    async (tx) => {
      await stageAlertConditions(tx, rule.kind, conditions);
      // Enough to list in the result, and one more than a digest needs to tell it is one.
      const keep = Math.max(listedSubjects, settings.digestOver + 1);
      const opened = new TransitionTally(keep);
      const resolved = new TransitionTally(keep);
      await openAndRefresh(tx, rule.kind, now, opened);
      const context = { db: { prisma: tx }, now, settings };
      if ("resolutionQuery" in rule) {
        await resolveClearedAtOnce(
          tx,
          rule.kind,
          rule.resolutionQuery(context, clearedSubjects(rule.kind)),
          now,
          resolved,
        );
      } else {
        await resolveCleared(tx, rule.kind, rule.describeResolutions, context, resolved);
      }
      const drafts = [
        ...notifyTransitions(rule, "opened", now, settings.digestOver, opened),
        ...notifyTransitions(rule, "resolved", now, settings.digestOver, resolved),
      ];
      const notificationsCreated = await createNotifications(tx, drafts, now);
      return {
        transitions: {
          kind: rule.kind,
          opened: opened.count,
          resolved: resolved.count,
          openedSubjects: opened.subjects(listedSubjects),
          resolvedSubjects: resolved.subjects(listedSubjects),
        },
        notificationsCreated,
      };
    },
    // The first evaluation over a months-old backlog opens every alert at once.
    { maxWait: 60_000, timeout: 10 * 60_000 },
  );
}

/**
 * Opens the new subjects, reopens the resolved ones and refreshes those whose text or details
 * changed: one statement, whatever their number. Only the first `tally` keeps come back.
 */
async function openAndRefresh(
  tx: Prisma.TransactionClient,
  kind: AlertKind,
  now: Date,
  opened: TransitionTally,
): Promise<void> {
  // The data-modifying CTEs touch disjoint rows: no alert yet, a resolved one, an open one.
  const rows = await tx.$queryRaw<Array<AlertTransition & { total: number }>>`
    WITH created AS (
      INSERT INTO "SyncAlert" (kind, "subjectKey", status, message, details, "openedAt")
      SELECT ${kind}, c.subject_key, 'OPEN', c.message, c.details, ${now}
      FROM ${stagedConditions} c
      WHERE c.alert_id IS NULL
      -- a racing evaluation opened it: that one notifies
      ON CONFLICT (kind, "subjectKey") DO NOTHING
      RETURNING id, "subjectKey"
    ), reopened AS (
      UPDATE "SyncAlert" a
      SET status = 'OPEN', message = c.message, details = COALESCE(c.details, '{}'::jsonb),
        "openedAt" = ${now}, "acknowledgedAt" = NULL, "resolvedAt" = NULL
      FROM ${stagedConditions} c
      WHERE a.id = c.alert_id AND c.alert_status = 'RESOLVED' AND a.status = 'RESOLVED'
      RETURNING a.id, a."subjectKey"
    ), refreshed AS (
      UPDATE "SyncAlert" a
      SET message = c.message, details = COALESCE(c.details, '{}'::jsonb)
      FROM ${stagedConditions} c
      WHERE a.id = c.alert_id AND c.alert_status <> 'RESOLVED' AND a.status <> 'RESOLVED'
        AND (a.message IS DISTINCT FROM c.message
          OR COALESCE(a.details, '{}'::jsonb) IS DISTINCT FROM COALESCE(c.details, '{}'::jsonb))
      RETURNING a.id
    ), opened AS (
      SELECT id, "subjectKey" FROM created UNION ALL SELECT id, "subjectKey" FROM reopened
    )
    -- Only the first few are joined back for their title.
    SELECT f.id::text AS id, f."subjectKey", c.title, c.message AS body, f.total::int AS total
    FROM (
      SELECT o.id, o."subjectKey", count(*) OVER () AS total
      FROM opened o ORDER BY o."subjectKey" LIMIT ${opened.keep}
    ) AS f
    JOIN ${stagedConditions} c ON c.subject_key = f."subjectKey"
    ORDER BY f."subjectKey"`;
  opened.record(rows, rows[0]?.total ?? 0);
}

type ClearedRow = { id: string; subjectKey: string; message: string; details: Prisma.JsonValue };

/** The subjects of open alerts no longer among the conditions (`subject_key`). */
function clearedSubjects(kind: AlertKind): Prisma.Sql {
  return Prisma.sql`
    SELECT a."subjectKey" AS subject_key FROM "SyncAlert" a
    WHERE a.kind = ${kind} AND a.status <> 'RESOLVED'
      AND NOT EXISTS (SELECT 1 FROM ${stagedConditions} c WHERE c.subject_key = a."subjectKey")`;
}

/** Resolves every cleared alert in one statement, as the rule's resolution query describes them. */
async function resolveClearedAtOnce(
  tx: Prisma.TransactionClient,
  kind: AlertKind,
  described: Prisma.Sql,
  now: Date,
  resolved: TransitionTally,
): Promise<void> {
  const rows = await tx.$queryRaw<Array<AlertTransition & { total: number }>>`
    WITH described AS (${described}),
    changed AS (
      UPDATE "SyncAlert" a
      SET status = 'RESOLVED', "resolvedAt" = ${now},
        details = (CASE WHEN jsonb_typeof(a.details) = 'object' THEN a.details ELSE '{}'::jsonb END)
          || COALESCE(d.details, '{}'::jsonb) || jsonb_build_object('resolution', d.message)
      FROM described d
      WHERE a.kind = ${kind} AND a."subjectKey" = d.subject_key AND a.status <> 'RESOLVED'
      RETURNING a.id, a."subjectKey", d.title, d.message
    )
    SELECT f.id::text AS id, f."subjectKey", f.title, f.message AS body, f.total::int AS total
    FROM (
      SELECT c.*, count(*) OVER () AS total FROM changed c ORDER BY c."subjectKey" LIMIT ${resolved.keep}
    ) AS f
    ORDER BY f."subjectKey"`;
  resolved.record(rows, rows[0]?.total ?? 0);
}

/** Resolves the cleared alerts a page at a time, as the rule describes them. */
async function resolveCleared(
  tx: Prisma.TransactionClient,
  kind: AlertKind,
  describeResolutions: DescribeResolutions,
  context: AlertResolutionContext,
  resolved: TransitionTally,
): Promise<void> {
  let after = "";
  for (;;) {
    const rows = await tx.$queryRaw<ClearedRow[]>`
      SELECT a.id::text AS id, a."subjectKey", a.message, a.details
      FROM "SyncAlert" a
      WHERE a.kind = ${kind} AND a.status <> 'RESOLVED' AND a."subjectKey" > ${after}
        AND NOT EXISTS (SELECT 1 FROM ${stagedConditions} c WHERE c.subject_key = a."subjectKey")
      ORDER BY a."subjectKey"
      LIMIT ${PAGE_SIZE}`;
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.subjectKey ?? after;
    const resolutions = await describeResolutions(
      context,
      rows.map((row) => row.subjectKey),
    );
    const described = rows.map((row) => {
      const resolution = resolutions.get(row.subjectKey) ?? {
        title: `Resolved: ${row.message}`,
        message: "The condition no longer holds.",
      };
      return {
        ...row,
        resolution,
        patch: JSON.stringify({ ...resolution.details, resolution: resolution.message }),
      };
    });
    const ids = pgTextArray(described.map((row) => row.id));
    const patches = pgTextArray(described.map((row) => row.patch));
    const changed = await tx.$queryRaw<Array<{ id: string; subjectKey: string }>>`
      UPDATE "SyncAlert" a
      SET status = 'RESOLVED', "resolvedAt" = ${context.now},
        details = (CASE WHEN jsonb_typeof(a.details) = 'object' THEN a.details ELSE '{}'::jsonb END)
          || c.patch::jsonb
      FROM unnest(${ids}::text[], ${patches}::text[]) AS c(id, patch)
      WHERE a.id = c.id::uuid AND a.status <> 'RESOLVED'
      RETURNING a.id::text, a."subjectKey"`;
    const byKey = new Map(described.map((row) => [row.subjectKey, row]));
    for (const { id, subjectKey } of changed) {
      const row = byKey.get(subjectKey);
      if (row) {
        resolved.add({ id, subjectKey, title: row.resolution.title, body: row.resolution.message });
      }
    }
    if (rows.length < PAGE_SIZE) return;
  }
}
