// Processes the webhook inbox: a delivery is only a trigger, so the worker re-fetches the current
// sale, customer or product from the API and writes it through the version-guarded mirror. Duplicates and
// out-of-order deliveries are therefore harmless, and several deliveries for one record in a batch
// cost one fetch. A burst (months of eCom orders reaching X-Series at once) is read through the
// version feed instead, 200 records a request, under the poll's lock and cursor, and settles every
// delivery it covers: one request per page, not per sale, within the store's rate limit. Failures
// retry with backoff, then dead-letter (`pnpm cli webhooks replay`).
import type { Database } from "@greenloop/db";
import { isDomainError } from "@greenloop/order-sync/errors";
import {
  type Customer,
  type LightspeedClient,
  type ParsedRecord,
  type Product,
  type Sale,
  webhookEntityOf,
} from "@greenloop/order-sync/lightspeed";
import type { Logger } from "../../logger";
import { redactErasedWebhookDeliveries } from "../../redaction/erased-identifiers";
import { jobLockKeys } from "../../scheduler/job-lock-keys";
import { writeRetailProducts } from "../catalog-mirror";
import { type CatalogClient, pollCatalog } from "../polling/poll-catalog";
import { pollRetail } from "../polling/poll-retail";
import type { OnRetailChanges, RetailChanges } from "../retail-changes";
import { writeRetailCustomers, writeRetailSales } from "../retail-mirror";
import {
  type Claim,
  type ClaimedDelivery,
  claimDueDeliveries,
  countDueDeliveries,
  markDeliveriesDone,
  markDeliveryFailed,
  releaseAllClaims,
  releaseClaim,
  renewClaim,
} from "./webhook-inbox";
import { webhookQueueNow } from "./webhook-queue-clock";
import {
  computeWebhookRetryDelay,
  defaultWebhookBackoff,
  type WebhookBackoff,
} from "./webhook-retry-delay";

/** What the worker asks Lightspeed: records by id, and the version feeds a burst reads. */
export type WebhookWorkerClient = Pick<
  LightspeedClient,
  "fetchSale" | "fetchCustomer" | "fetchProduct" | "listSales" | "listCustomers"
> &
  CatalogClient;

export interface WebhookWorkerOptions {
  /** With `kind: "pglite"` (one process per data directory) a starting loop takes back every claim. */
  db: Pick<Database, "prisma" | "withJobLock"> & Partial<Pick<Database, "kind">>;
  client: WebhookWorkerClient;
  logger: Logger;
  /** Called after each batch is committed with the mirror ids that actually changed. */
  onRetailChanges?: OnRetailChanges;
  /** Attempts before a delivery is dead-lettered (default 20, like Lightspeed's sender). */
  maxAttempts?: number;
  backoff?: Partial<WebhookBackoff>;
  /** Deliveries claimed per run (default 10). */
  batchSize?: number;
  /**
   * Due sale and customer deliveries from which the worker reads the version feed instead of
   * fetching record by record (default 20).
   */
  burstThreshold?: number;
  /** Deliveries one read of the version feed settles at most (default 5,000). */
  burstLimit?: number;
  /**
   * How long a claim stays with its worker without a heartbeat (default 20 s): the worker renews it
   * every third of that while it works, so a batch may take as long as it needs, and the rows of a
   * worker that died come back within one lease.
   */
  leaseMs?: number;
  /** Background loop: time between polls of the inbox when idle (default 1 s). */
  pollIntervalMs?: number;
  /** Injected by tests; default the queue's clock (the wall clock: webhook-queue-clock.ts). */
  now?: () => Date;
}

export interface WebhookRunResult {
  claimed: number;
  /** Fetched and written to the mirror (changed or not), or covered by a read of the version feed. */
  done: number;
  /** Settled by reading the version feed (a burst), not by fetching each record. */
  readByFeed: number;
  /** The record no longer exists upstream (404): settled with a note. */
  gone: number;
  /** Types the mirror does not keep (inventory.update, …): settled with a note. */
  ignored: number;
  /** Failed; scheduled again. */
  retried: number;
  /** Failed for the last allowed time. */
  dead: number;
  /** Claimed, but the lease ran out and another worker took the row over first. */
  lostLease: number;
  changes: RetailChanges;
}

export interface WebhookWorker {
  /** Claims one batch of due deliveries and processes it. */
  runOnce(): Promise<WebhookRunResult>;
  /** Starts the background loop (no-op when running). */
  start(): void;
  /** Stops the loop after the batch in progress. */
  stop(): Promise<void>;
  /** Runs the loop now instead of at the next poll (the route calls it after storing). */
  wake(): void;
}

/**
 * What a delivery names; `unknown` is looked up as a sale, then as a customer (a product's id in
 * an untyped delivery is left to the catalog poll).
 */
type Entity = "sale" | "customer" | "product" | "unknown";
type Fetched =
  | { kind: "sale"; record: ParsedRecord<Sale> }
  | { kind: "product"; record: ParsedRecord<Product> }
  /** The version feed was read past the change the delivery announced: nothing left to fetch. */
  | { kind: "covered" }
  | { kind: "customer"; record: ParsedRecord<Customer> }
  | { kind: "gone"; note: string }
  | { kind: "ignored"; note: string }
  | { kind: "failed"; error: string };

const maxErrorLength = 1_000;

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, client } = options;
  const log = options.logger.child({ component: "webhook-worker" });
  const maxAttempts = options.maxAttempts ?? 20;
  const backoff: WebhookBackoff = { ...defaultWebhookBackoff, ...options.backoff };
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 20_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const burstThreshold = options.burstThreshold ?? 20;
  const burstLimit = options.burstLimit ?? 5_000;
  const now = options.now ?? webhookQueueNow;

  async function fetchTarget(entity: Entity, id: string): Promise<Fetched> {
    if (entity === "unknown") return resolveUnknown(id);
    try {
      if (entity === "sale") return { kind: "sale", record: await client.fetchSale(id) };
      if (entity === "product") return { kind: "product", record: await client.fetchProduct(id) };
      return { kind: "customer", record: await client.fetchCustomer(id) };
    } catch (error) {
      if (isDomainError(error) && error.code === "NOT_FOUND") {
        return {
          kind: "gone",
          note: `gone: Lightspeed answered 404 for ${entity} ${id} (deleted or never existed); nothing to mirror`,
        };
      }
      const message = isDomainError(error)
        ? `${error.code}: ${error.message}`
        : `${error instanceof Error ? error.name : "Error"}: ${error instanceof Error ? error.message : String(error)}`;
      return { kind: "failed", error: message.slice(0, maxErrorLength) };
    }
  }

  /** A delivery nothing typed: its id is a sale's, else a customer's, else the poll's business. */
  async function resolveUnknown(id: string): Promise<Fetched> {
    const asSale = await fetchTarget("sale", id);
    if (asSale.kind !== "gone") return asSale;
    const asCustomer = await fetchTarget("customer", id);
    if (asCustomer.kind !== "gone") return asCustomer;
    return {
      kind: "ignored",
      note: `ignored: ${id} is neither a sale nor a customer in Lightspeed; the next poll covers anything we mirror`,
    };
  }

  async function runOnce(): Promise<WebhookRunResult> {
    if (await burstIsDue()) {
      const burst = await db.withJobLock(jobLockKeys.poll, readBurstByFeed);
      // A poll holds the lock (the scheduled one, or `pnpm cli sync`): the burst waits for the
      // next run rather than spending the rate limit one record at a time beside it.
      return burst.acquired ? burst.result : emptyResult(0);
    }
    const claim = await claimDueDeliveries(db, { now: now(), leaseMs, limit: batchSize });
    const result = emptyResult(claim.deliveries.length);
    if (claim.deliveries.length === 0) return result;

    // One fetch per record, however many deliveries in the batch name it.
    const outcomes = new Map<string, Fetched>();
    const outcomeOf = new Map<ClaimedDelivery, Fetched>();
    const heartbeat = startHeartbeat(claim);
    try {
      await fetchEach(claim, outcomes, outcomeOf);
    } finally {
      await heartbeat.stop();
    }

    await settleOrRelease(claim, outcomeOf, result);
    if (
      options.onRetailChanges &&
      (result.changes.sales.length || result.changes.customers.length)
    ) {
      try {
        await options.onRetailChanges(result.changes);
      } catch (error) {
        // The mirror is committed and the deliveries are done; the merge catches up on its next
        // run over the mirror. Retrying the deliveries would not help: a re-fetch changes nothing.
        log.error({ err: error, changes: countChanges(result.changes) }, "onRetailChanges failed");
      }
    }
    log.debug({ ...result, changes: countChanges(result.changes) }, "webhook batch processed");
    return result;
  }

  async function fetchEach(
    claim: Claim,
    outcomes: Map<string, Fetched>,
    outcomeOf: Map<ClaimedDelivery, Fetched>,
  ): Promise<void> {
    for (const delivery of claim.deliveries) {
      const entity = entityOf(delivery.type);
      if (delivery.attempts > maxAttempts) {
        // Its previous worker died during the last allowed attempt.
        outcomeOf.set(delivery, {
          kind: "failed",
          error: "abandoned: the worker processing the last attempt stopped (lease expired)",
        });
        continue;
      }
      if (entity === null || !delivery.objectId) {
        outcomeOf.set(delivery, {
          kind: "ignored",
          note: `ignored: ${delivery.type} deliveries are not mirrored`,
        });
        continue;
      }
      const key = `${entity}:${delivery.objectId}`;
      let outcome = outcomes.get(key);
      if (!outcome) {
        outcome = await fetchTarget(entity, delivery.objectId);
        outcomes.set(key, outcome);
      }
      outcomeOf.set(delivery, outcome);
    }
  }

  async function burstIsDue(): Promise<boolean> {
    let mirrored = 0;
    for (const [type, due] of await countDueDeliveries(db, now())) {
      if (entityOf(type) !== null) mirrored += due;
    }
    return mirrored >= burstThreshold;
  }

  /**
   * Claims the due deliveries, then reads the version feed from the poll's cursor to its end:
   * every change a claimed delivery announced happened before it was sent, so before this read
   * began, and the read covers it. The pages go through the mirror and the change handler as a
   * poll's do, and the cursor moves on, so the next scheduled poll does not read them again.
   */
  async function readBurstByFeed(): Promise<WebhookRunResult> {
    const claim = await claimDueDeliveries(db, { now: now(), leaseMs, limit: burstLimit });
    const result = emptyResult(claim.deliveries.length);
    if (claim.deliveries.length === 0) return result;
    const heartbeat = startHeartbeat(claim);
    const hasProducts = claim.deliveries.some((d) => entityOf(d.type) === "product");
    const [poll, products] = await Promise.all([
      pollRetail({
        db,
        client,
        trigger: "webhooks",
        logger: log,
        ...(options.onRetailChanges ? { onRetailChanges: options.onRetailChanges } : {}),
      }),
      // Products have a feed (and a lock) of their own: read it only when the burst names one.
      hasProducts ? readProductFeed() : Promise.resolve(null),
    ]).finally(heartbeat.stop);
    const retailOutcome = feedOutcome(poll.ok, poll.resources);
    const productOutcome = products ?? retailOutcome;
    const outcomeOf = new Map<ClaimedDelivery, Fetched>();
    for (const delivery of claim.deliveries) {
      const entity = entityOf(delivery.type);
      outcomeOf.set(
        delivery,
        entity === null || !delivery.objectId
          ? { kind: "ignored", note: `ignored: ${delivery.type} deliveries are not mirrored` }
          : entity === "product"
            ? productOutcome
            : retailOutcome,
      );
    }
    await settleOrRelease(claim, outcomeOf, result);
    const pages = poll.resources.sales.pages + poll.resources.customers.pages;
    log.info(
      { claimed: result.claimed, readByFeed: result.readByFeed, pages, ok: poll.ok },
      "webhook burst read through the version feed",
    );
    return result;
  }

  /** The products' version feed from its saved cursor, under the catalog poll's lock. */
  async function readProductFeed(): Promise<Fetched> {
    const read = await db.withJobLock(jobLockKeys.catalogPoll, () =>
      pollCatalog({ db, client, resources: ["products"], trigger: "webhooks", logger: log }),
    );
    // The scheduled catalog poll holds the lock: the product deliveries are retried after it.
    if (!read.acquired) {
      return { kind: "failed", error: "the catalog poll was running; retried after it" };
    }
    return feedOutcome(read.result.ok, read.result.resources);
  }

  /** Renews the claim's lease every third of it until stopped; `stop` waits for a renewal in flight. */
  function startHeartbeat(claim: Claim) {
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing
        .then(() => renewClaim(db, claim, new Date(now().getTime() + leaseMs)))
        .catch((error: unknown) => {
          // The lease runs out instead; settling then finds the rows gone (lostLease), no harm.
          log.warn({ err: error }, "could not renew the webhook claim's lease");
        });
    }, leaseMs / 3);
    timer.unref();
    return {
      async stop() {
        clearInterval(timer);
        await renewing;
      },
    };
  }

  /** Settles the batch; if that fails (the database went away), gives its rows back at once. */
  async function settleOrRelease(
    claim: Claim,
    outcomeOf: Map<ClaimedDelivery, Fetched>,
    result: WebhookRunResult,
  ): Promise<void> {
    try {
      await settle(claim, outcomeOf, result);
    } catch (error) {
      const released = await releaseClaim(db, claim).catch(() => 0);
      log.warn(
        { err: error, claimed: claim.deliveries.length, released },
        "could not settle a webhook batch; its deliveries are due again",
      );
      throw error;
    }
  }

  async function settle(
    claim: Claim,
    outcomeOf: Map<ClaimedDelivery, Fetched>,
    result: WebhookRunResult,
  ): Promise<void> {
    const at = now();
    await db.prisma.$transaction(async (tx) => {
      const settled: Array<{ id: string; note: string | null }> = [];
      for (const [delivery, outcome] of outcomeOf) {
        if (isWritten(outcome) || outcome.kind === "covered") {
          settled.push({ id: delivery.id, note: null });
        } else if (outcome.kind === "gone" || outcome.kind === "ignored") {
          settled.push({ id: delivery.id, note: outcome.note });
        }
      }
      // Deliveries first: records are written only for rows this claim still holds.
      const held = await markDeliveriesDone(tx, claim, settled, at);
      const sales: ParsedRecord<Sale>[] = [];
      const customers: ParsedRecord<Customer>[] = [];
      const products: ParsedRecord<Product>[] = [];
      for (const [delivery, outcome] of outcomeOf) {
        if (outcome.kind === "failed") continue;
        if (!held.has(delivery.id)) {
          result.lostLease += 1;
          continue;
        }
        if (outcome.kind === "sale") sales.push(outcome.record);
        else if (outcome.kind === "customer") customers.push(outcome.record);
        else if (outcome.kind === "product") products.push(outcome.record);
        else if (outcome.kind === "covered") result.readByFeed += 1;
        else result[outcome.kind] += 1;
        if (isWritten(outcome) || outcome.kind === "covered") result.done += 1;
      }
      const writtenSales = await writeRetailSales(tx, sales);
      const writtenCustomers = await writeRetailCustomers(tx, customers);
      // Products change no order or customer: nothing for the merge (see catalog-mirror.ts).
      await writeRetailProducts(tx, products);
      result.changes = {
        sales: [...writtenSales.inserted, ...writtenSales.updated],
        customers: [...writtenCustomers.inserted, ...writtenCustomers.updated],
      };
      // A delivery about an erased person's record keeps its ids, not their data.
      await redactErasedWebhookDeliveries(
        tx,
        claim.deliveries.map((delivery) => delivery.id),
      );

      for (const [delivery, outcome] of outcomeOf) {
        if (outcome.kind !== "failed") continue;
        const retryAt = new Date(
          at.getTime() + computeWebhookRetryDelay(delivery.attempts, backoff),
        );
        const status = await markDeliveryFailed(
          tx,
          claim,
          { delivery, error: outcome.error, retryAt, maxAttempts },
          at,
        );
        if (status === null) result.lostLease += 1;
        else if (status === "DEAD") result.dead += 1;
        else result.retried += 1;
        if (status === "DEAD") {
          log.warn(
            { deliveryId: delivery.id, type: delivery.type, attempts: delivery.attempts },
            "webhook delivery dead-lettered",
          );
        }
      }
    });
  }

  // ---- background loop ----------------------------------------------------------------------
  let loop: Promise<void> | null = null;
  let running = false;
  let wakeUp: (() => void) | null = null;
  let woken = false;

  function wake(): void {
    woken = true;
    wakeUp?.();
  }

  function idle(ms: number): Promise<void> {
    if (woken) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function runLoop(): Promise<void> {
    if (db.kind === "pglite") {
      // One process per data directory: a claim still PROCESSING was left by a process that died.
      const released = await releaseAllClaims(db).catch((error: unknown) => {
        log.warn({ err: error }, "could not take back the claims a previous process left");
        return 0;
      });
      if (released > 0) log.info({ released }, "took back the claims a previous process left");
    }
    while (running) {
      woken = false;
      let full = false;
      try {
        const result = await runOnce();
        full = result.claimed === batchSize;
      } catch (error) {
        log.error({ err: error }, "webhook worker run failed; retrying at the next poll");
      }
      if (running && !full) await idle(pollIntervalMs);
    }
  }

  return {
    runOnce,
    wake,
    start() {
      if (running) return;
      running = true;
      loop = runLoop();
    },
    async stop() {
      running = false;
      wake();
      await loop;
      loop = null;
    },
  };
}

function emptyResult(claimed: number): WebhookRunResult {
  return {
    claimed,
    done: 0,
    readByFeed: 0,
    gone: 0,
    ignored: 0,
    retried: 0,
    dead: 0,
    lostLease: 0,
    changes: { sales: [], customers: [] },
  };
}

function entityOf(type: string): Entity | null {
  const entity = webhookEntityOf(type);
  return entity === "sale" || entity === "customer" || entity === "product" || entity === "unknown"
    ? entity
    : null;
}

/** A record fetched by id, to be written to its mirror. */
function isWritten(outcome: Fetched): boolean {
  return outcome.kind === "sale" || outcome.kind === "customer" || outcome.kind === "product";
}

/** What a read of a version feed means for the deliveries it was to cover. */
function feedOutcome(
  ok: boolean,
  resources: Record<string, { error: { code: string; message: string } | null }>,
): Fetched {
  if (ok) return { kind: "covered" };
  const failure = Object.values(resources).find((resource) => resource.error)?.error;
  return {
    kind: "failed",
    error:
      `the version feed could not be read: ${failure?.code ?? "UNAVAILABLE"}: ${failure?.message ?? "the poll did not finish"}`.slice(
        0,
        maxErrorLength,
      ),
  };
}

function countChanges(changes: RetailChanges) {
  return { sales: changes.sales.length, customers: changes.customers.length };
}
