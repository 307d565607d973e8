// Webhook delivery as X-Series does it (reference §8): to every active subscription of the event's
// type, a form-encoded POST with the payload as a JSON string, optional X-Signature (HMAC-SHA256 of
// the raw body with the client secret), 5 s to answer 2xx, else retried with exponential back-off
// (up to 20 attempts over ~48 h). Back-off runs on the simulated clock: nothing is sent until
// deliverDue() is called at or after the due time.
import { createHmac, randomUUID } from "node:crypto";
import type { WebhookFaults } from "./fault-injector";
import { postForm } from "./http-post-form";
import { WebhookSubscriptions, type WebhookType } from "./webhook-subscriptions";
import { formatApiDate, HOUR_MS, MINUTE_MS } from "./wire-format";

export type { WebhookType } from "./webhook-subscriptions";
export type SignatureEncoding = "hex" | "base64";

export interface WebhookOptions {
  /**
   * A person's Setup → API subscription of this URL for sale.update and customer.update (apps
   * subscribe through the webhooks API); without any subscription events are recorded but nothing
   * is sent. null removes it.
   */
  url?: string | null;
  /** Signs deliveries (OAuth apps only upstream); unsigned when absent. null clears it. */
  clientSecret?: string | null;
  /** UNCONFIRMED upstream; default hex (what third-party verifiers assume). */
  signatureEncoding?: SignatureEncoding;
  timeoutMs?: number;
  maxAttempts?: number;
}

export interface WebhookConfig {
  url: string | null;
  clientSecret: string | null;
  signatureEncoding: SignatureEncoding;
  timeoutMs: number;
  maxAttempts: number;
}

export interface WebhookEvent {
  id: number;
  type: WebhookType;
  entityId: string;
  entityVersion: number;
  firedAtMs: number;
  /** The exact form body sent for this event (signed bytes). */
  body: string;
}

export interface PendingDelivery {
  deliveryId: number;
  event: WebhookEvent;
  subscriptionId: string;
  url: string;
  /** Attempts already made. */
  attempts: number;
  dueAtMs: number;
}

export interface WebhookAttempt {
  deliveryId: number;
  eventId: number;
  type: WebhookType;
  entityId: string;
  entityVersion: number;
  subscriptionId: string;
  url: string;
  attempt: number;
  /** Simulated time of the attempt. */
  at: string;
  /** HTTP status, or null when nothing came back (timeout, refused, dropped). */
  status: number | null;
  outcome: "delivered" | "failed" | "dropped" | "duplicate";
  error: string | null;
  /** When it failed: the simulated time of the retry, or null when it gave up. */
  nextAttemptAt: string | null;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 20;

/**
 * Delay before retry number `attempt` (1 = the first retry). The real schedule is UNCONFIRMED;
 * ours doubles from 1 minute and caps at 4 hours, so 20 attempts span about 48 hours.
 */
export function webhookRetryDelayMs(attempt: number): number {
  return Math.min(MINUTE_MS * 2 ** Math.max(0, attempt - 1), 4 * HOUR_MS);
}

export function signWebhookBody(body: string, secret: string, encoding: SignatureEncoding): string {
  const digest = createHmac("sha256", secret).update(body, "utf8").digest(encoding);
  return `signature=${digest},algorithm=HMAC-SHA256`;
}

export class WebhookDispatcher {
  private settings: WebhookConfig;
  private queue: PendingDelivery[] = [];
  private nextEventId = 1;
  private nextDeliveryId = 1;
  private running: Promise<unknown> = Promise.resolve();
  readonly events: WebhookEvent[] = [];
  readonly log: WebhookAttempt[] = [];

  constructor(
    private readonly nowMs: () => number,
    private readonly identity: { domainPrefix: string; retailerId: string },
    private readonly faults: WebhookFaults,
    options: WebhookOptions = {},
    /** Where events go (the webhooks API manages them). */
    readonly subscriptions = new WebhookSubscriptions(identity.retailerId, randomUUID),
  ) {
    this.subscriptions.setByHand(options.url ?? null);
    this.settings = {
      url: options.url ?? null,
      clientSecret: options.clientSecret ?? null,
      signatureEncoding: options.signatureEncoding ?? "hex",
      timeoutMs: options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
      maxAttempts: options.maxAttempts ?? DEFAULT_WEBHOOK_MAX_ATTEMPTS,
    };
  }

  get config(): Readonly<WebhookConfig> {
    return this.settings;
  }

  /** Changes where and how later events are delivered (queued deliveries keep their URL). */
  configure(options: WebhookOptions): void {
    if (options.url !== undefined) this.subscriptions.setByHand(options.url);
    this.settings = {
      url: options.url === undefined ? this.settings.url : options.url,
      clientSecret:
        options.clientSecret === undefined ? this.settings.clientSecret : options.clientSecret,
      signatureEncoding: options.signatureEncoding ?? this.settings.signatureEncoding,
      timeoutMs: options.timeoutMs ?? this.settings.timeoutMs,
      maxAttempts: options.maxAttempts ?? this.settings.maxAttempts,
    };
  }

  /** Deliveries waiting (due now or later), in due order. */
  get pending(): readonly PendingDelivery[] {
    return [...this.queue].sort((a, b) => a.dueAtMs - b.dueAtMs || a.deliveryId - b.deliveryId);
  }

  /** Records an event and queues its delivery, for now, to every active subscription of its type. */
  enqueue(type: WebhookType, entityId: string, entityVersion: number, payload: unknown): void {
    const id = this.nextEventId++;
    // Only `payload` is documented; `domain_prefix` and `environment` "may be present but are not
    // guaranteed" (reference §8.3): every other event carries them, so receivers meet both. No
    // `type` field: a receiver knows the type from the URL it subscribed, or from the payload.
    const fields: Record<string, string> =
      id % 2 === 1
        ? { domain_prefix: this.identity.domainPrefix, environment: "prod" } // UNCONFIRMED value
        : {};
    const body = new URLSearchParams({ ...fields, payload: JSON.stringify(payload) }).toString();
    const event: WebhookEvent = {
      id,
      type,
      entityId,
      entityVersion,
      firedAtMs: this.nowMs(),
      body,
    };
    this.events.push(event);
    // Queued deliveries stay queued if their subscription is later deactivated or deleted: what
    // Lightspeed does with them is UNCONFIRMED.
    for (const subscription of this.subscriptions.activeFor(type)) {
      this.queue.push({
        deliveryId: this.nextDeliveryId++,
        event,
        subscriptionId: subscription.id,
        url: subscription.url,
        attempts: 0,
        dueAtMs: event.firedAtMs,
      });
    }
  }

  /**
   * Sends every delivery due at the current simulated time, one after another, and resolves with
   * the attempts made. Concurrent calls queue behind each other so nothing is sent twice.
   */
  deliverDue(): Promise<WebhookAttempt[]> {
    const run = this.running.then(() => this.runDue());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Forgets queued deliveries (the event history and log stay). */
  clearPending(): void {
    this.queue = [];
  }

  private async runDue(): Promise<WebhookAttempt[]> {
    const now = this.nowMs();
    const due = this.pending.filter((delivery) => delivery.dueAtMs <= now);
    const dueIds = new Set(due.map((delivery) => delivery.deliveryId));
    this.queue = this.queue.filter((delivery) => !dueIds.has(delivery.deliveryId));
    if (this.faults.reorder > 0 && due.length > 1) {
      this.faults.reorder -= 1;
      due.reverse();
    }
    const attempts: WebhookAttempt[] = [];
    for (const delivery of due) {
      attempts.push(...(await this.attempt(delivery, now)));
    }
    this.log.push(...attempts);
    return attempts;
  }

  private async attempt(delivery: PendingDelivery, now: number): Promise<WebhookAttempt[]> {
    const attemptNumber = delivery.attempts + 1;
    const base = {
      deliveryId: delivery.deliveryId,
      eventId: delivery.event.id,
      type: delivery.event.type,
      entityId: delivery.event.entityId,
      entityVersion: delivery.event.entityVersion,
      subscriptionId: delivery.subscriptionId,
      url: delivery.url,
      attempt: attemptNumber,
      at: formatApiDate(now),
    };
    if (this.faults.drop > 0) {
      this.faults.drop -= 1;
      return [{ ...base, status: null, outcome: "dropped", error: null, nextAttemptAt: null }];
    }
    const headers: Record<string, string> = { "user-agent": "lightspeed-simulator" };
    if (this.settings.clientSecret) {
      headers["x-signature"] = signWebhookBody(
        delivery.event.body,
        this.settings.clientSecret,
        this.settings.signatureEncoding,
      );
    }
    const first = await this.send(delivery, headers);
    const ok = first.status !== null && first.status >= 200 && first.status < 300;
    let nextAttemptAt: string | null = null;
    if (!ok && attemptNumber < this.settings.maxAttempts) {
      const dueAtMs = now + webhookRetryDelayMs(attemptNumber);
      this.queue.push({ ...delivery, attempts: attemptNumber, dueAtMs });
      nextAttemptAt = formatApiDate(dueAtMs);
    }
    const results: WebhookAttempt[] = [
      { ...base, ...first, outcome: ok ? "delivered" : "failed", nextAttemptAt },
    ];
    if (this.faults.duplicate > 0) {
      this.faults.duplicate -= 1;
      const again = await this.send(delivery, headers);
      results.push({ ...base, ...again, outcome: "duplicate", nextAttemptAt: null });
    }
    return results;
  }

  private async send(
    delivery: PendingDelivery,
    headers: Record<string, string>,
  ): Promise<{ status: number | null; error: string | null }> {
    try {
      const { status } = await postForm(
        delivery.url,
        delivery.event.body,
        headers,
        this.settings.timeoutMs,
      );
      return { status, error: null };
    } catch (error) {
      return { status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
