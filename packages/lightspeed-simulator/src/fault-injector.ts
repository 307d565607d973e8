// Fault injection so client tests can exercise their error paths: 5xx bursts, slow responses,
// records that fail the client's schema validation, and unreliable webhook delivery.

export type CorruptibleKind = "sale" | "customer";

export interface WebhookFaults {
  /** Deliveries to drop silently (never sent, never retried: "delivery is not guaranteed"). */
  drop: number;
  /** Deliveries to send twice. */
  duplicate: number;
  /** `deliverDue()` runs that send their batch in reverse order. */
  reorder: number;
}

export class FaultInjector {
  private failures: { status: number; remaining: number } | null = null;
  private delay = 0;
  private readonly corrupted = new Map<string, Record<string, unknown>>();
  readonly webhooks: WebhookFaults = { drop: 0, duplicate: 0, reorder: 0 };

  constructor(
    private readonly onCorrupt: (kind: CorruptibleKind, id: string, bumpVersion: boolean) => void,
  ) {}

  /** The next `count` authenticated API requests answer `status` (a 5xx) instead of data. */
  failNext(count: number, status = 500): void {
    if (status < 500 || status > 599) throw new RangeError("failNext takes a 5xx status");
    this.failures = count > 0 ? { status, remaining: count } : null;
  }

  /** Delays every API response by `ms` of real time (for client timeout tests); 0 turns it off. */
  delayResponses(ms: number): void {
    this.delay = Math.max(0, ms);
  }

  get responseDelayMs(): number {
    return this.delay;
  }

  /**
   * Makes the sale fail schema validation on the client: `total_price` becomes a non-numeric
   * string and `sale_date` garbage, while `id` and `version` stay intact. With `bumpVersion` the
   * sale also re-enters the change feed so a client that already read it sees the bad copy.
   */
  corruptSale(id: string, options: { bumpVersion?: boolean } = {}): void {
    this.onCorrupt("sale", id, options.bumpVersion ?? false);
    this.corrupted.set(id, {
      total_price: "12,50 USD",
      total_price_incl: "n/a",
      sale_date: "31/02/2026 25:61",
    });
  }

  /** Same for a customer: a numeric `first_name`, a garbage `created_at`. */
  corruptCustomer(id: string, options: { bumpVersion?: boolean } = {}): void {
    this.onCorrupt("customer", id, options.bumpVersion ?? false);
    this.corrupted.set(id, { first_name: 404, created_at: "yesterday-ish" });
  }

  clearCorruption(id: string): void {
    this.corrupted.delete(id);
  }

  dropNextWebhooks(count: number): void {
    this.webhooks.drop = Math.max(0, count);
  }

  duplicateNextWebhooks(count: number): void {
    this.webhooks.duplicate = Math.max(0, count);
  }

  reorderNextWebhookBatches(count = 1): void {
    this.webhooks.reorder = Math.max(0, count);
  }

  reset(): void {
    this.failures = null;
    this.delay = 0;
    this.corrupted.clear();
    this.webhooks.drop = 0;
    this.webhooks.duplicate = 0;
    this.webhooks.reorder = 0;
  }

  /** Consumes one injected failure; returns its status, or null when none is pending. */
  takeFailure(): number | null {
    if (!this.failures) return null;
    const { status } = this.failures;
    this.failures.remaining -= 1;
    if (this.failures.remaining <= 0) this.failures = null;
    return status;
  }

  /** A corrupted sale in the date-based shape: the same garbage in its `date` and `totals`. */
  serveDatedSale<T extends { id: string; totals: object }>(sale: T): T | Record<string, unknown> {
    if (!this.corrupted.has(sale.id)) return sale;
    return {
      ...sale,
      date: "31/02/2026 25:61",
      totals: { ...sale.totals, price: "12,50 USD", price_incl_tax: "n/a" },
    };
  }

  /** The record as served: with corrupt fields overlaid when it was corrupted. */
  serve<T extends { id: string }>(record: T): T | Record<string, unknown> {
    const overlay = this.corrupted.get(record.id);
    return overlay ? { ...record, ...overlay } : record;
  }
}
