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

export interface AlertRuleContext {
  db: Pick<Database, "prisma">;
  now: Date;
  settings: AlertSettings;
  /** Subjects of this kind with an alert open (or acknowledged) before this evaluation. */
  openSubjects: ReadonlySet<string>;
}

export interface AlertRule {
  kind: AlertKind;
  /** Words for a summary of many, e.g. "eCom orders missing from X-Series". */
  label: string;
  /** The conditions that hold now; null when this rule does not apply (its alerts are left as they are). */
  evaluate(context: AlertRuleContext): Promise<AlertCondition[] | null>;
  /** For open alerts whose condition no longer holds. */
  describeResolutions(
    context: AlertRuleContext,
    subjectKeys: string[],
  ): Promise<Map<string, AlertResolution>>;
}
