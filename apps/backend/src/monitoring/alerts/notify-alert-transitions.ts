// The notifications an evaluation's transitions make: one per transition, or, when more of one
// kind open (or resolve) at once than `digestOver` (the first run over a months-old backlog, a big
// sync), one summary, so a phone does not buzz a hundred times.
import { listSome, type NotificationDraft } from "../notifications/notification-store";
import type { AlertRule } from "./alert-rule";

export interface AlertTransition {
  id: string;
  subjectKey: string;
  title: string;
  body: string;
}

/** Counts every transition and keeps the first `keep` in subject order: memory stays bounded. */
export class TransitionTally {
  count = 0;
  readonly kept: AlertTransition[] = [];

  constructor(readonly keep: number) {}

  add(transition: AlertTransition): void {
    this.count += 1;
    if (this.kept.length < this.keep) this.kept.push(transition);
  }

  /** `total` transitions happened, of which `first` are the first. */
  record(first: readonly AlertTransition[], total: number): void {
    this.count += total;
    for (const { id, subjectKey, title, body } of first) {
      if (this.kept.length < this.keep) this.kept.push({ id, subjectKey, title, body });
    }
  }

  subjects(limit: number): string[] {
    return this.kept.slice(0, limit).map((transition) => transition.subjectKey);
  }
}

export function notifyTransitions(
  rule: Pick<AlertRule, "kind" | "label">,
  transition: "opened" | "resolved",
  now: Date,
  digestOver: number,
  tally: TransitionTally,
): NotificationDraft[] {
  const kind = transition === "opened" ? "alert.opened" : "alert.resolved";
  const items = tally.kept;
  if (tally.count > digestOver) {
    return [
      {
        kind,
        title:
          transition === "opened"
            ? `${tally.count} new alerts: ${rule.label}`
            : `${tally.count} alerts resolved: ${rule.label}`,
        body: listSome(
          items.map((item) => item.title),
          5,
          tally.count,
        ),
        data: {
          alertKind: rule.kind,
          count: tally.count,
          // The first ones, in subject order; the app lists the rest from `alerts.list`.
          alertIds: items.map((item) => item.id),
          subjectKeys: items.map((item) => item.subjectKey),
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
