// What the pipeline reports for metrics, without knowing Prometheus: instrumentation points call
// `report…`, which publishes on a Node diagnostics channel (free while nobody listens: the CLI,
// tests, `serve` with metrics off), and a running backend's metrics subscribe
// (record-pipeline-events.ts). Events carry counts, durations and low-cardinality names only:
// never ids, order numbers, emails or phones.
import { type Channel, channel } from "node:diagnostics_channel";
import type { LightspeedResponseObservation } from "@greenloop/order-sync/lightspeed";

/** Why the webhook route refused a delivery (a label value: keep the set small). */
export const webhookRejectionReasons = [
  "not_configured",
  "bad_secret",
  "bad_signature",
  "malformed",
  "too_large",
  "inbox_unavailable",
  "other",
] as const;
export type WebhookRejectionReason = (typeof webhookRejectionReasons)[number];

export type WebhookIntake = { seconds: number } & (
  | { outcome: "accepted" | "duplicate" }
  | { outcome: "rejected"; reason: WebhookRejectionReason }
);

export interface ImportRows {
  /** Rows read from the export since the last report. */
  read: number;
  /** Of those, rows refused (reported with line and reason on the run). */
  rejected: number;
}

export interface AnalyticsRun {
  mode: "incremental" | "full";
  seconds: number;
}

/** One notification delivery attempt's end: sent, failed and retried later, or given up. */
export interface NotificationAttempt {
  /** The channel's name (`webhook`, `expo`). */
  channel: string;
  outcome: "delivered" | "retrying" | "failed";
}

export interface PipelineEvents {
  webhookIntake: WebhookIntake;
  lightspeedResponse: LightspeedResponseObservation;
  importRows: ImportRows;
  mergeFinished: { seconds: number };
  analyticsFinished: AnalyticsRun;
  notificationAttempt: NotificationAttempt;
}

type EventName = keyof PipelineEvents;

const channels: Record<EventName, Channel> = {
  webhookIntake: channel("greenloop:webhook-intake"),
  lightspeedResponse: channel("greenloop:lightspeed-response"),
  importRows: channel("greenloop:import-rows"),
  mergeFinished: channel("greenloop:merge-finished"),
  analyticsFinished: channel("greenloop:analytics-finished"),
  notificationAttempt: channel("greenloop:notification-attempt"),
};

function report<Name extends EventName>(name: Name, event: PipelineEvents[Name]): void {
  const target = channels[name];
  if (target.hasSubscribers) target.publish(event);
}

export const reportWebhookIntake = (event: WebhookIntake) => report("webhookIntake", event);
export const reportLightspeedResponse = (event: LightspeedResponseObservation) =>
  report("lightspeedResponse", event);
export const reportImportRows = (event: ImportRows) => report("importRows", event);
export const reportMergeFinished = (event: { seconds: number }) => report("mergeFinished", event);
export const reportAnalyticsFinished = (event: AnalyticsRun) => report("analyticsFinished", event);
export const reportNotificationAttempt = (event: NotificationAttempt) =>
  report("notificationAttempt", event);

export type PipelineEventHandlers = {
  [Name in EventName]: (event: PipelineEvents[Name]) => void;
};

/** Listens to every pipeline event; returns the function that stops listening. */
export function subscribePipelineEvents(handlers: PipelineEventHandlers): () => void {
  const unsubscribes = (Object.keys(channels) as EventName[]).map((name) => {
    const handle = handlers[name] as (event: unknown) => void;
    const listener = (message: unknown) => {
      // A subscriber's exception would be rethrown as an uncaught exception, taking the process
      // down for a metric: measuring must never break what it measures.
      try {
        handle(message);
      } catch {
        // Deliberately ignored, see above.
      }
    };
    channels[name].subscribe(listener);
    return () => channels[name].unsubscribe(listener);
  });
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
