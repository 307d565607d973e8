// The durable webhook inbox (`WebhookDelivery`): the route stores raw deliveries, the worker
// claims due ones under a lease and settles them. A claim's lease expiry doubles as its fencing
// token: a worker whose lease ran out (and whose rows another worker re-claimed) settles nothing.
import { createHash } from "node:crypto";
import { type Database, type Prisma, pgPlainArray } from "@greenloop/db";
import { webhookQueueNow } from "./webhook-queue-clock";

type Db = Pick<Database, "prisma">;
type Tx = Pick<
  Prisma.TransactionClient,
  "$queryRawUnsafe" | "webhookDelivery" | "webhookDeliveryAttempt"
>;

/** Counter names in `OperationalCounter`. */
export const webhookCounters = {
  /** Deliveries refused for a missing, malformed or wrong X-Signature. */
  signatureRejected: "webhook.signature_rejected",
  /** Deliveries refused for a missing or wrong path/query secret. */
  secretRejected: "webhook.secret_rejected",
} as const;

export interface NewWebhookDelivery {
  /** The exact bytes received. */
  rawBody: Uint8Array;
  type: string;
  domainPrefix: string | null;
  objectId: string;
}

/** sha256 of the raw body, hex: the same delivery twice has the same key. */
export function webhookDedupeKey(rawBody: Uint8Array): string {
  return createHash("sha256").update(rawBody).digest("hex");
}

/**
 * Stores one delivery unless the same bytes are already stored. `id` is null for a duplicate.
 * One statement, no read first: two copies arriving at once still make one row.
 */
export async function storeWebhookDelivery(
  db: Db,
  delivery: NewWebhookDelivery,
  /**
   * When it is due: now by this process's clock, the one the worker claims by. Not the database's
   * `statement_timestamp()`: that clock may run ahead of this one (by milliseconds on one machine —
   * PGlite's WebAssembly clock against `Date.now()` — by more on two), and the worker woken right
   * after this insert would find the delivery not yet due and leave it until its next poll.
   */
  dueAt: Date = webhookQueueNow(),
): Promise<{ id: string | null; duplicate: boolean }> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ id: string }>>(
    `INSERT INTO "WebhookDelivery" ("dedupeKey", type, "domainPrefix", "objectId", "rawBody", "nextAttemptAt")
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
     ON CONFLICT ("dedupeKey") DO NOTHING
     RETURNING id::text AS id`,
    webhookDedupeKey(delivery.rawBody),
    delivery.type,
    delivery.domainPrefix,
    delivery.objectId,
    Buffer.from(delivery.rawBody).toString("utf8"),
    dueAt,
  );
  const id = rows[0]?.id ?? null;
  return { id, duplicate: id === null };
}

export interface ClaimedDelivery {
  id: string;
  type: string;
  objectId: string | null;
  /** Including this claim. */
  attempts: number;
}

export interface Claim {
  deliveries: ClaimedDelivery[];
  /** The lease expiry written on every claimed row; settling requires it to be unchanged. */
  leaseUntil: Date;
}

/** How many deliveries are due (as `claimDueDeliveries` sees them), by type: what waits. */
export async function countDueDeliveries(db: Db, now: Date): Promise<Map<string, number>> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ type: string; due: number }>>(
    `SELECT type, count(*)::int AS due FROM "WebhookDelivery"
      WHERE status IN ('PENDING', 'PROCESSING') AND "nextAttemptAt" <= $1::timestamptz
      GROUP BY type`,
    now.toISOString(),
  );
  return new Map(rows.map((row) => [row.type, row.due]));
}

/**
 * Claims up to `limit` due deliveries: PENDING ones whose `nextAttemptAt` has come, and PROCESSING
 * ones whose lease (kept in `nextAttemptAt`) has expired because their worker died. One statement,
 * so one short transaction; SKIP LOCKED lets concurrent workers take disjoint rows without waiting.
 * The attempt is counted at claim time, so a delivery that kills its worker still runs out of tries.
 */
export async function claimDueDeliveries(
  db: Db,
  options: { now: Date; leaseMs: number; limit: number },
): Promise<Claim> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const deliveries = await db.prisma.$queryRawUnsafe<ClaimedDelivery[]>(
    `WITH due AS (
       SELECT id FROM "WebhookDelivery"
        WHERE status IN ('PENDING', 'PROCESSING') AND "nextAttemptAt" <= $1::timestamptz
        ORDER BY "nextAttemptAt", "receivedAt"
        LIMIT $3::int
        FOR UPDATE SKIP LOCKED
     )
     UPDATE "WebhookDelivery" AS d
        SET status = 'PROCESSING', "nextAttemptAt" = $2::timestamptz, attempts = d.attempts + 1
       FROM due
      WHERE d.id = due.id
     RETURNING d.id::text AS id, d.type, d."objectId", d.attempts`,
    options.now.toISOString(),
    leaseUntil.toISOString(),
    options.limit,
  );
  deliveries.sort((a, b) => a.id.localeCompare(b.id));
  return { deliveries, leaseUntil };
}

/**
 * Marks claimed deliveries DONE (with an optional note, e.g. "gone upstream") if the claim still
 * holds them; returns the ids it settled.
 */
export async function markDeliveriesDone(
  tx: Tx,
  claim: Claim,
  settled: Array<{ id: string; note: string | null }>,
  now: Date,
): Promise<Set<string>> {
  const held = new Set<string>();
  const byNote = new Map<string | null, string[]>();
  for (const { id, note } of settled) {
    const ids = byNote.get(note);
    if (ids) ids.push(id);
    else byNote.set(note, [id]);
  }
  for (const [note, ids] of byNote) {
    const rows = await tx.webhookDelivery.updateManyAndReturn({
      where: { id: { in: ids }, status: "PROCESSING", nextAttemptAt: claim.leaseUntil },
      data: { status: "DONE", processedAt: now, lastError: note },
      select: { id: true },
    });
    for (const row of rows) held.add(row.id);
  }
  return held;
}

/**
 * Schedules a failed delivery's next attempt, or dead-letters it when it has had `maxAttempts`.
 * Returns the resulting status, or null when the claim no longer holds the row.
 */
export async function markDeliveryFailed(
  tx: Tx,
  claim: Claim,
  failure: { delivery: ClaimedDelivery; error: string; retryAt: Date; maxAttempts: number },
  now: Date,
): Promise<"PENDING" | "DEAD" | null> {
  const dead = failure.delivery.attempts >= failure.maxAttempts;
  const { count } = await tx.webhookDelivery.updateMany({
    where: { id: failure.delivery.id, status: "PROCESSING", nextAttemptAt: claim.leaseUntil },
    data: dead
      ? { status: "DEAD", lastError: failure.error, processedAt: now }
      : { status: "PENDING", lastError: failure.error, nextAttemptAt: failure.retryAt },
  });
  if (count === 0) return null;
  // `lastError` keeps only the latest failure; the inbox shows every attempt's.
  await tx.webhookDeliveryAttempt.create({
    data: {
      deliveryId: failure.delivery.id,
      attempt: failure.delivery.attempts,
      error: failure.error,
      failedAt: now,
    },
    select: { id: true },
  });
  return dead ? "DEAD" : "PENDING";
}

/**
 * Extends a claim's lease while its worker is still at work (the heartbeat): rows are renewed
 * only while this claim still holds them. A worker that dies stops renewing, so its rows come
 * back within one lease, not after a long one.
 */
export async function renewClaim(db: Db, claim: Claim, leaseUntil: Date): Promise<void> {
  const ids = claim.deliveries.map((delivery) => delivery.id);
  if (ids.length === 0) return;
  await db.prisma.$executeRawUnsafe(
    `UPDATE "WebhookDelivery" SET "nextAttemptAt" = $3::timestamptz
      WHERE id = ANY($1::uuid[]) AND status = 'PROCESSING' AND "nextAttemptAt" = $2::timestamptz`,
    pgPlainArray(ids),
    claim.leaseUntil.toISOString(),
    leaseUntil.toISOString(),
  );
  claim.leaseUntil = leaseUntil;
}

/**
 * Gives a claim's rows back at once, due now (a worker that could not settle them, e.g. the
 * database went away mid-batch). The attempt stays counted, so a delivery that breaks every
 * settle still runs out of tries. Best effort: if this fails too, the lease runs out instead.
 */
export async function releaseClaim(db: Db, claim: Claim): Promise<number> {
  const ids = claim.deliveries.map((delivery) => delivery.id);
  if (ids.length === 0) return 0;
  return db.prisma.$executeRawUnsafe(
    `UPDATE "WebhookDelivery" SET status = 'PENDING', "nextAttemptAt" = statement_timestamp()
      WHERE id = ANY($1::uuid[]) AND status = 'PROCESSING' AND "nextAttemptAt" = $2::timestamptz`,
    pgPlainArray(ids),
    claim.leaseUntil.toISOString(),
  );
}

/**
 * Every claim, given back: for a worker starting where no other can be running (PGlite allows one
 * process per data directory), whatever is PROCESSING was left by a process that died.
 */
export async function releaseAllClaims(db: Db): Promise<number> {
  return db.prisma.$executeRawUnsafe(
    `UPDATE "WebhookDelivery" SET status = 'PENDING', "nextAttemptAt" = statement_timestamp()
      WHERE status = 'PROCESSING'`,
  );
}
