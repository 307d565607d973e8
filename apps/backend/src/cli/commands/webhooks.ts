import type { WebhookDeliveryStatus } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import { openMigratedDatabaseFromEnv } from "../../database";
import {
  assertDeliveryIds,
  pageWebhookDeliveries,
  replayDeadDeliveries,
  webhookDeliveryStatuses,
} from "../../ingestion/webhooks/replay-dead-deliveries";
import { getWebhookInboxStats } from "../../ingestion/webhooks/webhook-inbox-stats";
import type { CliCommand } from "../command";
import { commandHelp } from "../command-help";
import { wholeNumberOption } from "../whole-number-option";
import { runWebhooksRegister, runWebhooksSubscriptions } from "./webhook-subscriptions";

const actions = ["list", "replay", "register", "subscriptions"];

export const webhooksCommand: CliCommand = {
  ...commandHelp.webhooks,
  options: {
    status: { type: "string" },
    limit: { type: "string" },
    id: { type: "string", multiple: true },
    url: { type: "string" },
    prune: { type: "boolean" },
  },
  async run(context) {
    const { env, logger, values, positionals } = context;
    const [action, ...extra] = positionals;
    if (!actions.includes(action ?? "") || extra.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `Expected one of ${actions.map((a) => `"${a}"`).join(", ")}. Usage: pnpm cli ${webhooksCommand.usage}`,
      );
    }
    if (action === "register" || action === "subscriptions") {
      if (values.status !== undefined || values.limit !== undefined || values.id !== undefined) {
        throw new DomainError("BAD_INPUT", "--status, --limit and --id are for list and replay");
      }
      if (action === "register" && values.prune !== undefined) {
        throw new DomainError("BAD_INPUT", "--prune is for subscriptions");
      }
      return action === "register"
        ? runWebhooksRegister(context)
        : runWebhooksSubscriptions(context);
    }
    if (values.url !== undefined || values.prune !== undefined) {
      throw new DomainError("BAD_INPUT", "--url and --prune are for register and subscriptions");
    }
    const status = parseStatus(values.status);
    const limit = wholeNumberOption(values.limit, "--limit", 50, { min: 1, max: 10_000 });
    const ids = (values as { id?: string[] }).id;
    if (action === "list" && ids) throw new DomainError("BAD_INPUT", "--id is for replay");
    if (ids) assertDeliveryIds(ids);
    if (action === "replay" && (status || values.limit)) {
      throw new DomainError("BAD_INPUT", "--status and --limit are for list");
    }

    const db = await openMigratedDatabaseFromEnv(env, logger);
    try {
      if (action === "list") {
        const [{ deliveries }, stats] = await Promise.all([
          pageWebhookDeliveries(db, { ...(status ? { status } : {}), limit }),
          getWebhookInboxStats(db),
        ]);
        const lines = deliveries.map(
          (d) =>
            `  ${d.id}  ${d.status.padEnd(10)} ${d.type.padEnd(16)} ${d.objectId ?? "-"}  attempts ${d.attempts}  received ${d.receivedAt.toISOString()}${d.lastError ? `\n      ${d.lastError}` : ""}`,
        );
        const summary = [
          `Inbox: ${stats.pending} pending, ${stats.processing} processing, ${stats.dead} dead, ${stats.done} done; ` +
            `oldest unsettled ${stats.oldestPendingAgeSeconds === null ? "none" : `${stats.oldestPendingAgeSeconds}s`}; ` +
            `refused: ${stats.signatureRejections} bad signature(s), ${stats.secretRejections} bad secret(s).`,
          deliveries.length === 0
            ? `No ${status ?? ""} deliveries.`.replace("  ", " ")
            : `${deliveries.length} ${status ?? ""} deliveries, newest first:`.replace("  ", " "),
          ...lines,
        ].join("\n");
        return { summary, json: { action, stats, deliveries } };
      }

      const result = await replayDeadDeliveries(db, ids ? { ids } : {});
      const skipped = result.skipped.map(
        (s) => `  ${s.id}: ${s.status === null ? "no such delivery" : `is ${s.status}, not DEAD`}`,
      );
      const summary = [
        result.replayed.length === 0
          ? "No dead deliveries to replay."
          : `Put ${result.replayed.length} dead deliveries back in the queue; the worker processes them next.`,
        ...(skipped.length ? ["Not replayed:", ...skipped] : []),
      ].join("\n");
      return {
        summary,
        json: { action, changed: result.replayed.length > 0, ...result },
      };
    } finally {
      await db.close();
    }
  },
};

function parseStatus(value: unknown): WebhookDeliveryStatus | undefined {
  if (value === undefined) return undefined;
  const upper = String(value).toUpperCase();
  const status = webhookDeliveryStatuses.find((s) => s === upper);
  if (!status) {
    throw new DomainError(
      "BAD_INPUT",
      `--status must be one of ${webhookDeliveryStatuses.join(", ")} (got "${String(value)}").`,
    );
  }
  return status;
}
