// Evaluates every alert rule at `now` and applies the transitions: a condition that starts holding
// opens its alert (or reopens a resolved one), one that stops holding resolves it. Only transitions
// notify, so running the evaluation again and again notifies nothing new. One alert per kind and
// subject (SyncAlert's unique key).
import type { Database, Prisma } from "@greenloop/db";
import {
  createNotifications,
  listSome,
  type NotificationDraft,
} from "../notifications/notification-store";
import type { AlertCondition, AlertKind, AlertResolution, AlertRule } from "./alert-rule";
import type { AlertSettings } from "./alert-settings";
import { importRejectionRule } from "./import-rejection-rule";
import { missingOrderRule } from "./missing-order-rule";
import { pollFailingRule, pollStaleRule } from "./poll-rules";
import { signatureSpikeRule } from "./signature-spike-rule";
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
  opened: string[];
  resolved: string[];
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

type AlertRow = {
  id: string;
  subjectKey: string;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  message: string;
  details: Prisma.JsonValue;
};

async function evaluateRule(
  db: Pick<Database, "prisma">,
  rule: AlertRule,
  options: { now: Date; settings: AlertSettings },
) {
  const { now, settings } = options;
  const openRows = await db.prisma.syncAlert.findMany({
    where: { kind: rule.kind, status: { not: "RESOLVED" } },
    select: { subjectKey: true },
  });
  const context = {
    db,
    now,
    settings,
    openSubjects: new Set(openRows.map((row) => row.subjectKey)),
  };
  const conditions = await rule.evaluate(context);
  if (conditions === null) return null;

  const active = new Map(conditions.map((condition) => [condition.subjectKey, condition]));
  const existing: AlertRow[] = await db.prisma.syncAlert.findMany({
    where: {
      kind: rule.kind,
      OR: [{ status: { not: "RESOLVED" } }, { subjectKey: { in: [...active.keys()] } }],
    },
    select: { id: true, subjectKey: true, status: true, message: true, details: true },
  });
  const bySubject = new Map(existing.map((row) => [row.subjectKey, row]));

  const toCreate = conditions.filter((condition) => !bySubject.has(condition.subjectKey));
  const toReopen: Array<{ row: AlertRow; condition: AlertCondition }> = [];
  const toRefresh: Array<{ row: AlertRow; condition: AlertCondition }> = [];
  for (const condition of conditions) {
    const row = bySubject.get(condition.subjectKey);
    if (!row) continue;
    if (row.status === "RESOLVED") toReopen.push({ row, condition });
    else if (row.message !== condition.message || !sameJson(row.details, condition.details)) {
      toRefresh.push({ row, condition });
    }
  }
  const toResolve = existing.filter(
    (row) => row.status !== "RESOLVED" && !active.has(row.subjectKey),
  );
  const resolutions =
    toResolve.length > 0
      ? await rule.describeResolutions(
          context,
          toResolve.map((row) => row.subjectKey),
        )
      : new Map<string, AlertResolution>();

  return db.prisma.$transaction(async (tx) => {
    const opened: Array<{ id: string; condition: AlertCondition }> = [];
    if (toCreate.length > 0) {
      const created = await tx.syncAlert.createManyAndReturn({
        data: toCreate.map((condition) => ({
          kind: rule.kind,
          subjectKey: condition.subjectKey,
          status: "OPEN" as const,
          message: condition.message,
          ...(condition.details ? { details: condition.details } : {}),
          openedAt: now,
        })),
        skipDuplicates: true, // a racing evaluation opened it: that one notifies
        select: { id: true, subjectKey: true },
      });
      for (const row of created) {
        const condition = active.get(row.subjectKey);
        if (condition) opened.push({ id: row.id, condition });
      }
    }
    for (const { row, condition } of toReopen) {
      const { count } = await tx.syncAlert.updateMany({
        where: { id: row.id, status: "RESOLVED" },
        data: {
          status: "OPEN",
          message: condition.message,
          details: condition.details ?? {},
          openedAt: now,
          acknowledgedAt: null,
          resolvedAt: null,
        },
      });
      if (count === 1) opened.push({ id: row.id, condition });
    }
    for (const { row, condition } of toRefresh) {
      await tx.syncAlert.update({
        where: { id: row.id },
        data: { message: condition.message, details: condition.details ?? {} },
        select: { id: true },
      });
    }
    const resolved: Array<{ id: string; subjectKey: string; resolution: AlertResolution }> = [];
    for (const row of toResolve) {
      const resolution = resolutions.get(row.subjectKey) ?? {
        title: `Resolved: ${row.message}`,
        message: "The condition no longer holds.",
      };
      const { count } = await tx.syncAlert.updateMany({
        where: { id: row.id, status: { not: "RESOLVED" } },
        data: {
          status: "RESOLVED",
          resolvedAt: now,
          details: {
            ...asObject(row.details),
            ...resolution.details,
            resolution: resolution.message,
          },
        },
      });
      if (count === 1) resolved.push({ id: row.id, subjectKey: row.subjectKey, resolution });
    }

    const drafts = [
      ...notifyTransitions(
        rule,
        "opened",
        now,
        settings.digestOver,
        opened.map(({ id, condition }) => ({
          id,
          subjectKey: condition.subjectKey,
          title: condition.title,
          body: condition.message,
        })),
      ),
      ...notifyTransitions(
        rule,
        "resolved",
        now,
        settings.digestOver,
        resolved.map(({ id, subjectKey, resolution }) => ({
          id,
          subjectKey,
          title: resolution.title,
          body: resolution.message,
        })),
      ),
    ];
    const notificationsCreated = await createNotifications(tx, drafts, now);
    return {
      transitions: {
        kind: rule.kind,
        opened: opened.map(({ condition }) => condition.subjectKey).sort(),
        resolved: resolved.map(({ subjectKey }) => subjectKey).sort(),
      },
      notificationsCreated,
    };
  });
}

// One notification per transition; many of one kind at once (the first run over a months-old
// backlog, a big sync) become one summary, so a phone does not buzz a hundred times.
function notifyTransitions(
  rule: AlertRule,
  transition: "opened" | "resolved",
  now: Date,
  digestOver: number,
  items: Array<{ id: string; subjectKey: string; title: string; body: string }>,
): NotificationDraft[] {
  const kind = transition === "opened" ? "alert.opened" : "alert.resolved";
  if (items.length > digestOver) {
    const subjects = items.map((item) => item.subjectKey).sort();
    return [
      {
        kind,
        title:
          transition === "opened"
            ? `${items.length} new alerts: ${rule.label}`
            : `${items.length} alerts resolved: ${rule.label}`,
        body: listSome(items.map((item) => item.title)),
        data: {
          alertKind: rule.kind,
          count: items.length,
          alertIds: items.map((item) => item.id),
          subjectKeys: subjects,
        },
        dedupeKey: `alerts:${rule.kind}:${transition}:${now.toISOString()}`,
      },
    ];
  }
  return items.map((item) => ({
    kind,
    title: item.title,
    body: item.body,
    data: { alertKind: rule.kind, alertId: item.id, subjectKey: item.subjectKey },
    alertId: item.id,
    dedupeKey: `alert:${item.id}:${transition}:${now.toISOString()}`,
  }));
}

function asObject(value: Prisma.JsonValue): Prisma.InputJsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Prisma.InputJsonObject)
    : {};
}

function sameJson(stored: Prisma.JsonValue, next: Prisma.InputJsonObject | undefined): boolean {
  return canonicalJson(stored ?? {}) === canonicalJson(next ?? {});
}

// jsonb does not keep key order: compare with keys sorted.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
