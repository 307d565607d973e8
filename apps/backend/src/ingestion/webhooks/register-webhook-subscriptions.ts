// `webhooks register`: subscribes the store's webhooks to our route through the webhooks API, one
// subscription per type we consume, each URL carrying its type (so deliveries are typed by their
// URL). Idempotent: an identical active subscription is kept, an inactive one re-activated, and a
// 409 (the pair exists, e.g. added by hand on Setup → API, which the API does not list) is fine.
import { DomainError } from "@greenloop/order-sync/errors";
import type { WebhooksApi } from "@greenloop/order-sync/lightspeed";
import {
  buildWebhookSubscriptionUrl,
  type WebhookAuthMode,
  type WebhookSecrets,
  webhookAuthModeOf,
} from "./webhook-url";

/** The webhook types the sync consumes (reference §8.2; there are no create or delete types). */
export const consumedWebhookTypes = ["sale.update", "customer.update", "product.update"] as const;

export type RegisterOutcome = "created" | "exists" | "activated";

export interface RegisteredSubscription {
  type: string;
  url: string;
  /** Null when the store said the pair exists but did not list it (a subscription made by hand). */
  id: string | null;
  outcome: RegisterOutcome;
}

/** The route's authentication mode; CONFIG when none is set, as the route refuses every delivery. */
export function requireWebhookAuth(secrets: WebhookSecrets): WebhookAuthMode {
  const mode = webhookAuthModeOf(secrets);
  if (mode === null) {
    throw new DomainError(
      "CONFIG",
      "Webhooks need WEBHOOK_PATH_SECRET (or LIGHTSPEED_CLIENT_SECRET for an OAuth app): without " +
        "either, our webhook route refuses every delivery. Set one, restart the server, then run this again.",
    );
  }
  return mode;
}

export async function registerWebhookSubscriptions(options: {
  api: WebhooksApi;
  /** The public base URL of this backend (validated by the caller). */
  base: string;
  secrets: WebhookSecrets;
  signal?: AbortSignal;
}): Promise<RegisteredSubscription[]> {
  requireWebhookAuth(options.secrets);
  const { api, signal } = options;
  const existing = await api.listWebhooks({ signal });
  const results: RegisteredSubscription[] = [];
  for (const type of consumedWebhookTypes) {
    const url = buildWebhookSubscriptionUrl({
      base: options.base,
      type,
      pathSecret: options.secrets.pathSecret,
    });
    const same = existing.filter((webhook) => webhook.type === type && webhook.url === url);
    const active = same.find((webhook) => webhook.active);
    const inactive = same[0];
    if (active) {
      results.push({ type, url, id: active.id, outcome: "exists" });
    } else if (inactive) {
      const updated = await api.updateWebhook(inactive.id, { url, type, active: true, signal });
      results.push({ type, url, id: updated.id, outcome: "activated" });
    } else {
      const created = await api.createWebhook({ url, type, active: true, signal });
      results.push(
        created.outcome === "created"
          ? { type, url, id: created.webhook.id, outcome: "created" }
          : { type, url, id: null, outcome: "exists" },
      );
    }
  }
  return results;
}
