// One kind of alert: which subjects are in trouble now, and how an alert that no longer holds is
// described when it resolves. `evaluateAlerts` turns the answers into SyncAlert transitions.
import type { Database, Prisma } from "@greenloop/db";
import type { AlertSettings } from "./alert-settings";

const alertKinds = [
  "MISSING_ECOM_ORDER",
  "POLL_FAILING",
  "POLL_STALE",
  "WEBHOOK_DEAD_LETTER",
  "SIGNATURE_FAILURES",
  "IMPORT_REJECTIONS",
] as const;
export type AlertKind = (typeof alertKinds)[number];

export interface AlertCondition {
  /** What the alert is about (an order number, a resource, an import id). */
  subjectKey: string;
  /** The notification's title when the alert opens. */
  title: string;
  /** The alert's message (and the notification's body). */
  message: string;
  details?: Prisma.InputJsonObject;
}

export interface AlertResolution {
  title: string;
  message: string;
  /** Merged into the alert's details (e.g. how late the order was). */
  details?: Prisma.InputJsonObject;
}

/**
 * The subjects in trouble now, as a query: there can be one per order (200,000 missing), so they
 * never pass through memory or a parameter list; their alerts open in one statement.
 */
export interface AlertConditionQuery {
  /** Selects `subject_key text`, `details jsonb`, `title text` and `message text`, one row per subject. */
  sql: Prisma.Sql;
}

/** What holds now: a list when the subjects are few, a query when they are many. */
export type AlertConditions = AlertCondition[] | AlertConditionQuery;

export interface AlertRuleContext {
  db: Pick<Database, "prisma">;
  now: Date;
  settings: AlertSettings;
  /** Whether an alert of this kind is open (or acknowledged) for the subject before this evaluation. */
  hasOpenAlert(subjectKey: string): Promise<boolean>;
}

/** Resolutions are described inside the evaluation's transaction, page by page. */
export interface AlertResolutionContext {
  db: { prisma: Prisma.TransactionClient };
  now: Date;
  settings: AlertSettings;
}

/** For open alerts whose condition no longer holds, a page of them at a time. */
export type DescribeResolutions = (
  context: AlertResolutionContext,
  subjectKeys: string[],
) => Promise<Map<string, AlertResolution>>;

/**
 * The same as a query, for rules with a subject per order: given `cleared` (a relation of
 * `subject_key`), selects `subject_key`, `title`, `message` and `details jsonb` for each of them.
 */
export type ResolutionQuery = (context: AlertResolutionContext, cleared: Prisma.Sql) => Prisma.Sql;

export type AlertRule = {
  kind: AlertKind;
  /** Words for a summary of many, e.g. "eCom orders missing from X-Series". */
  label: string;
  /** The conditions that hold now; null when this rule does not apply (its alerts are left as they are). */
  evaluate(context: AlertRuleContext): Promise<AlertConditions | null>;
} & ({ describeResolutions: DescribeResolutions } | { resolutionQuery: ResolutionQuery });
