// `webhooks register` and `webhooks subscriptions`: the store's webhook subscriptions through the
// webhooks API. No database. The path secret never appears in full: URLs and error messages are
// printed (human and --json) with it masked.
import { isDomainError } from "@greenloop/order-sync/errors";
import type { Env } from "../../env";
import { registerWebhookSubscriptions } from "../../ingestion/webhooks/register-webhook-subscriptions";
import { reviewWebhookSubscriptions } from "../../ingestion/webhooks/review-webhook-subscriptions";
import {
  maskSecrets,
  readWebhookSubscriptionUrl,
  webhookAuthModeOf,
} from "../../ingestion/webhooks/webhook-url";
import { createLightspeedClientFromEnv } from "../../lightspeed";
import type { CommandContext, CommandResult } from "../command";
import { parsePublicBaseUrl } from "../public-base-url";

export async function runWebhooksRegister(context: CommandContext): Promise<CommandResult> {
  const base = parsePublicBaseUrl(context.values.url);
  const { env } = context;
  return withMaskedErrors(env, async (mask) => {
    const subscriptions = await registerWebhookSubscriptions({
      api: createLightspeedClientFromEnv(env, context.logger),
      base,
      secrets: secretsOf(env),
      signal: context.shutdown,
    });
    const shown = subscriptions.map((s) => ({ ...s, url: mask(s.url) }));
    const changed = shown.some((s) => s.outcome !== "exists");
    const summary = [
      `Webhook subscriptions to ${base}:`,
      ...shown.map(
        (s) =>
          `  ${s.type.padEnd(16)} ${s.outcome.padEnd(10)} ${s.url}${s.id ? `  (${s.id})` : ""}`,
      ),
      changed
        ? "Deliveries of these types now reach this backend, typed by their URL."
        : "Nothing changed: the store already had every subscription.",
    ].join("\n");
    return { summary, json: { action: "register", baseUrl: base, changed, subscriptions: shown } };
  });
}

export async function runWebhooksSubscriptions(context: CommandContext): Promise<CommandResult> {
  const base =
    context.values.url === undefined ? undefined : parsePublicBaseUrl(context.values.url);
  const prune = context.values.prune === true;
  const { env } = context;
  return withMaskedErrors(env, async (mask) => {
    const review = await reviewWebhookSubscriptions({
      api: createLightspeedClientFromEnv(env, context.logger),
      secrets: secretsOf(env),
      base,
      prune,
      signal: context.shutdown,
    });
    const subscriptions = review.subscriptions.map((s) => ({ ...s, url: mask(s.url) }));
    const pruned = subscriptions.filter((s) => s.pruned).length;
    const stale = subscriptions.filter((s) => s.kind === "stale").length;
    const summary = [
      subscriptions.length === 0
        ? "The store lists no webhook subscriptions."
        : `${subscriptions.length} webhook subscription(s):`,
      ...subscriptions.map(
        (s) =>
          `  ${s.kind.padEnd(8)} ${(s.active ? "active" : "inactive").padEnd(9)} ${s.type.padEnd(16)} ${s.url}  (${s.id})` +
          `${s.reasons.length ? ` stale: ${s.reasons.join(", ")}` : ""}${s.pruned ? " — deleted" : ""}`,
      ),
      "The API lists the subscriptions made through it (e.g. by `webhooks register`); ones added on Setup → API may not appear.",
      review.missing.length === 0
        ? "Every type we consume has an active subscription of ours."
        : `Missing: ${review.missing.join(", ")} (run \`pnpm cli webhooks register --url <public base URL>\`).`,
      ...(prune
        ? [`Deleted ${pruned} stale subscription(s).`]
        : stale > 0
          ? ["--prune deletes the stale ones (never foreign ones)."]
          : []),
    ].join("\n");
    return {
      summary,
      json: {
        action: "subscriptions",
        baseUrl: base ?? null,
        changed: pruned > 0,
        subscriptions,
        missing: review.missing,
      },
    };
  });
}

function secretsOf(env: Env) {
  return { clientSecret: env.lightspeed.clientSecret, pathSecret: env.webhookPathSecret };
}

/**
 * Runs `work` with a function that masks secrets in a URL (today's path secret, and any old one the
 * URL carries); an error's message is masked the same way, since Lightspeed may echo a URL back.
 */
async function withMaskedErrors<T>(
  env: Env,
  work: (mask: (url: string) => string) => Promise<T>,
): Promise<T> {
  const secrets = secretsOf(env);
  const mode = webhookAuthModeOf(secrets) ?? "path-secret";
  const mask = (url: string) =>
    maskSecrets(url, [secrets.pathSecret, readWebhookSubscriptionUrl(url, mode)?.secret]);
  try {
    return await work(mask);
  } catch (error) {
    if (isDomainError(error)) error.message = maskSecrets(error.message, [secrets.pathSecret]);
    throw error;
  }
}
