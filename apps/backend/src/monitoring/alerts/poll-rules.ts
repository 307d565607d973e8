// POLL_FAILING and POLL_STALE, per polled resource (sales, customers): no successful poll for more
// than two sync intervals. FAILING when the last run failed (the poller runs but errors, e.g. a
// revoked token); STALE when nothing failed (the poller is not running: a stuck or dead scheduler).
import type { JobStatus } from "@greenloop/db";
import { getSyncFreshness, type ResourceFreshness } from "../../ingestion/polling/sync-freshness";
import { formatDuration, formatStoreTime } from "../delays/format-duration";
import type {
  AlertCondition,
  AlertRule,
  AlertRuleContext,
  DescribeResolutions,
} from "./alert-rule";

type PollProblem = "failing" | "stale";

function problemOf(
  resource: ResourceFreshness,
  context: Pick<AlertRuleContext, "now" | "settings">,
): { problem: PollProblem; quietSeconds: number } | null {
  const polling = context.settings.polling;
  if (!polling) return null;
  const since = Math.max(
    resource.lastSuccessAt?.getTime() ?? Number.NEGATIVE_INFINITY,
    polling.watchingSince.getTime(),
  );
  const quietMs = context.now.getTime() - since;
  if (quietMs <= 2 * polling.syncIntervalMs) return null;
  const failed: JobStatus = "FAILED";
  return {
    problem: resource.lastRun?.status === failed ? "failing" : "stale",
    quietSeconds: Math.floor(quietMs / 1000),
  };
}

async function pollConditions(
  context: AlertRuleContext,
  wanted: PollProblem,
): Promise<AlertCondition[] | null> {
  const polling = context.settings.polling;
  if (!polling) return null;
  const freshness = await getSyncFreshness(context.db, {
    now: context.now,
    syncIntervalMs: polling.syncIntervalMs,
  });
  const conditions: AlertCondition[] = [];
  for (const resource of [freshness.sales, freshness.customers]) {
    const found = problemOf(resource, context);
    if (found?.problem !== wanted) continue;
    const since = resource.lastSuccessAt
      ? `for ${formatDuration(found.quietSeconds)}`
      : "since monitoring started";
    conditions.push(
      wanted === "failing"
        ? {
            subjectKey: resource.resource,
            title: `Polling X-Series ${resource.resource} is failing`,
            message: `No successful poll of ${resource.resource} ${since}; the last run failed: ${resource.lastRun?.error ?? "unknown error"}`,
            details: {
              resource: resource.resource,
              lastSuccessAt: resource.lastSuccessAt?.toISOString() ?? null,
              lastError: resource.lastRun?.error ?? null,
            },
          }
        : {
            subjectKey: resource.resource,
            title: `X-Series ${resource.resource} are not being polled`,
            message: `No successful poll of ${resource.resource} ${since} (polling is due every ${formatDuration(polling.syncIntervalMs / 1000)}); is the scheduler running?`,
            details: {
              resource: resource.resource,
              lastSuccessAt: resource.lastSuccessAt?.toISOString() ?? null,
              lastRunStatus: resource.lastRun?.status ?? null,
            },
          },
    );
  }
  return conditions;
}

function describeRecovery(wanted: PollProblem): DescribeResolutions {
  return async (context, resources) => {
    const polling = context.settings.polling;
    const freshness = polling
      ? await getSyncFreshness(context.db, {
          now: context.now,
          syncIntervalMs: polling.syncIntervalMs,
        })
      : null;
    return new Map(
      resources.map((resource) => {
        const state = [freshness?.sales, freshness?.customers].find(
          (candidate) => candidate?.resource === resource,
        );
        const other = state ? problemOf(state, context)?.problem : undefined;
        if (other && other !== wanted) {
          return [
            resource,
            {
              title: `Polling X-Series ${resource}: now ${other}`,
              message: `See the POLL_${other.toUpperCase()} alert for ${resource}.`,
            },
          ];
        }
        return [
          resource,
          {
            title: `Polling X-Series ${resource} recovered`,
            message: state?.lastSuccessAt
              ? `The last successful poll of ${resource} finished at ${formatStoreTime(state.lastSuccessAt, context.settings.timeZone)}.`
              : "Polling alerts are off.",
          },
        ];
      }),
    );
  };
}

export const pollFailingRule: AlertRule = {
  kind: "POLL_FAILING",
  label: "X-Series polling failing",
  evaluate: (context) => pollConditions(context, "failing"),
  describeResolutions: describeRecovery("failing"),
};

export const pollStaleRule: AlertRule = {
  kind: "POLL_STALE",
  label: "X-Series polling stale",
  evaluate: (context) => pollConditions(context, "stale"),
  describeResolutions: describeRecovery("stale"),
};
