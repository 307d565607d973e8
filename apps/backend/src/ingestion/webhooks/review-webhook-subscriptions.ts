// `webhooks subscriptions`: what the store's webhook subscriptions are to us. `ours`: exactly what
// `webhooks register` subscribes (our route, a type we consume named in the URL, today's secret,
// the given base URL); `stale`: our route, but something is off (the reasons say what); `foreign`:
// somewhere else. Pruning deletes stale ones only: a foreign subscription is never ours to delete.
import { isDomainError } from "@greenloop/order-sync/errors";
import type { Webhook, WebhooksApi } from "@greenloop/order-sync/lightspeed";
import { consumedWebhookTypes, requireWebhookAuth } from "./register-webhook-subscriptions";
import { readWebhookSubscriptionUrl, type WebhookSecrets } from "./webhook-url";

export type SubscriptionKind = "ours" | "stale" | "foreign";

/**
 * Why a subscription to our route is stale: `unconsumed` a type we do not consume, `untyped` its
 * URL names no type, `type` its URL names another type, `secret` not today's path secret (or one
 * where none is used), `base` another base URL than the one given.
 */
export type StaleReason = "unconsumed" | "untyped" | "type" | "secret" | "base";

export interface ReviewedSubscription {
  id: string;
  type: string;
  url: string;
  active: boolean;
  kind: SubscriptionKind;
  /** Empty unless stale. */
  reasons: StaleReason[];
  pruned: boolean;
}

export interface SubscriptionReview {
  subscriptions: ReviewedSubscription[];
  /** Types we consume with no active subscription of ours. */
  missing: string[];
}

/** Sorts the store's subscriptions into ours, stale and foreign (no calls). */
export function classifyWebhookSubscriptions(
  webhooks: Webhook[],
  options: { secrets: WebhookSecrets; base?: string | undefined },
): SubscriptionReview {
  const mode = requireWebhookAuth(options.secrets);
  const consumed: readonly string[] = consumedWebhookTypes;
  const subscriptions = webhooks.map((webhook): ReviewedSubscription => {
    const target = readWebhookSubscriptionUrl(webhook.url, mode);
    const reasons: StaleReason[] = [];
    if (target) {
      if (!consumed.includes(webhook.type)) reasons.push("unconsumed");
      if (target.type === undefined) reasons.push("untyped");
      else if (target.type !== webhook.type) reasons.push("type");
      if (target.secret !== options.secrets.pathSecret) reasons.push("secret");
      if (options.base !== undefined && target.base !== options.base) reasons.push("base");
    }
    return {
      id: webhook.id,
      type: webhook.type,
      url: webhook.url,
      active: webhook.active,
      kind: target === null ? "foreign" : reasons.length > 0 ? "stale" : "ours",
      reasons,
      pruned: false,
    };
  });
  const covered = new Set(
    subscriptions.filter((s) => s.kind === "ours" && s.active).map((s) => s.type),
  );
  return { subscriptions, missing: consumed.filter((type) => !covered.has(type)) };
}

export async function reviewWebhookSubscriptions(options: {
  api: WebhooksApi;
  secrets: WebhookSecrets;
  base?: string | undefined;
  /** Delete the stale ones. */
  prune: boolean;
  signal?: AbortSignal;
}): Promise<SubscriptionReview> {
  requireWebhookAuth(options.secrets);
  const { api, signal } = options;
  const review = classifyWebhookSubscriptions(await api.listWebhooks({ signal }), options);
  if (!options.prune) return review;
  for (const subscription of review.subscriptions) {
    if (subscription.kind !== "stale") continue;
    try {
      await api.deleteWebhook(subscription.id, { signal });
    } catch (error) {
      // Already gone is what we wanted.
      if (!isDomainError(error) || error.code !== "NOT_FOUND") throw error;
    }
    subscription.pruned = true;
  }
  return review;
}
