// The store's webhook subscriptions (reference §8.1): one URL and one type each, `active` toggles
// delivery, and a (type, URL) pair exists once. Apps make them through the webhooks API and see only
// their own ("will only return webhooks created by the application which is making the request");
// a person adds them by hand on Setup → API, which the API then does not list.

/** Reference §8.2, the `WebhookType` enum of the webhooks API. */
export const webhookTypes = [
  "sale.update",
  "product.update",
  "customer.update",
  "inventory.update",
  "register_closure.create",
  "consignment.send",
  "consignment.receive",
] as const;

export type WebhookType = (typeof webhookTypes)[number];

/** Who made a subscription: an application through the API, or a person on Setup → API. */
export type SubscriptionOrigin = "api" | "setup";

/** The API's `Webhook` object. */
export interface WebhookSubscription {
  id: string;
  retailer_id: string;
  url: string;
  active: boolean;
  type: WebhookType;
}

export interface WebhookSubscriptionInput {
  url: string;
  active: boolean;
  type: WebhookType;
}

/** The types a person subscribes on Setup → API for a sync like ours. */
const byHandTypes: readonly WebhookType[] = ["sale.update", "customer.update"];

export class WebhookSubscriptions {
  private readonly records = new Map<
    string,
    WebhookSubscription & { origin: SubscriptionOrigin }
  >();

  constructor(
    private readonly retailerId: string,
    private readonly newId: () => string,
  ) {}

  /** Every subscription, oldest first, with who made it (the control API shows them all). */
  all(): Array<WebhookSubscription & { origin: SubscriptionOrigin }> {
    return [...this.records.values()].map((record) => ({ ...record }));
  }

  /** What `origin` may see: an application lists and manages only the subscriptions it made. */
  list(origin: SubscriptionOrigin): WebhookSubscription[] {
    return this.all()
      .filter((record) => record.origin === origin)
      .map(withoutOrigin);
  }

  find(id: string, origin: SubscriptionOrigin): WebhookSubscription | undefined {
    const record = this.records.get(id);
    return record && record.origin === origin ? withoutOrigin(record) : undefined;
  }

  /** "duplicate" when the store already has this (type, URL) pair, whoever made it. */
  create(
    input: WebhookSubscriptionInput,
    origin: SubscriptionOrigin,
  ): WebhookSubscription | "duplicate" {
    if (this.holdsPair(input)) return "duplicate";
    const record = { id: this.newId(), retailer_id: this.retailerId, ...pick(input), origin };
    this.records.set(record.id, record);
    return withoutOrigin(record);
  }

  /** Replaces url, type and active (all required, as on create); undefined when not found. */
  update(
    id: string,
    input: WebhookSubscriptionInput,
    origin: SubscriptionOrigin,
  ): WebhookSubscription | "duplicate" | undefined {
    const record = this.records.get(id);
    if (!record || record.origin !== origin) return undefined;
    if (this.holdsPair(input, id)) return "duplicate";
    Object.assign(record, pick(input));
    return withoutOrigin(record);
  }

  delete(id: string, origin: SubscriptionOrigin): boolean {
    const record = this.records.get(id);
    if (!record || record.origin !== origin) return false;
    return this.records.delete(id);
  }

  /** Where an event of `type` goes: every active subscription of that type, oldest first. */
  activeFor(type: WebhookType): WebhookSubscription[] {
    return this.all()
      .filter((record) => record.active && record.type === type)
      .map(withoutOrigin);
  }

  /**
   * What a person does on Setup → API: the hand-made sale.update and customer.update subscriptions
   * now point at `url` (null removes them). A pair an app already subscribed is not added twice.
   */
  setByHand(url: string | null): void {
    for (const record of this.records.values()) {
      if (record.origin === "setup") this.records.delete(record.id);
    }
    if (url === null) return;
    for (const type of byHandTypes) this.create({ url, type, active: true }, "setup");
  }

  private holdsPair(input: WebhookSubscriptionInput, exceptId?: string): boolean {
    return [...this.records.values()].some(
      (record) => record.id !== exceptId && record.type === input.type && record.url === input.url,
    );
  }
}

function pick(input: WebhookSubscriptionInput): WebhookSubscriptionInput {
  return { url: input.url, active: input.active, type: input.type };
}

function withoutOrigin(
  record: WebhookSubscription & { origin?: SubscriptionOrigin },
): WebhookSubscription {
  const { origin: _origin, ...subscription } = record;
  return subscription;
}
