import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { webhookBody } from "./testing/webhook-fixtures";
import { deliveryRows, storeBodies } from "./testing/worker-harness";
import { claimDueDeliveries, releaseAllClaims, releaseClaim, renewClaim } from "./webhook-inbox";

const cleanup = useTestCleanup();
const second = 1_000;

async function inboxWithTwo() {
  const db = await openDatabaseForTest(cleanup);
  await storeBodies(db, [
    webhookBody({ payload: { id: "sale-1" }, type: "sale.update" }),
    webhookBody({ payload: { id: "sale-2" }, type: "sale.update" }),
  ]);
  return db;
}

/** Claims what is due at `at` under a 20 s lease, as the worker does. */
const claimAt = (db: Parameters<typeof claimDueDeliveries>[0], at: number) =>
  claimDueDeliveries(db, { now: new Date(at), leaseMs: 20 * second, limit: 10 });

describe(`renewClaim (${testDatabaseKind})`, () => {
  it("keeps a claim's rows from other workers for as long as it is renewed", async () => {
    const db = await inboxWithTwo();
    const start = Date.now();
    const claim = await claimAt(db, start);
    await renewClaim(db, claim, new Date(start + 60 * second));
    // Past the first lease, before the renewed one: nothing to take over.
    const other = await claimAt(db, start + 30 * second);
    expect(other.deliveries).toEqual([]);
    expect(claim.leaseUntil.getTime()).toBe(start + 60 * second);
    // Past the renewed lease (the worker died and stopped renewing): both come back.
    const later = await claimAt(db, start + 61 * second);
    expect(later.deliveries).toHaveLength(2);
  });
});

describe(`releaseClaim (${testDatabaseKind})`, () => {
  it("gives a claim's rows back due at once, their attempt counted, and nothing it no longer holds", async () => {
    const db = await inboxWithTwo();
    const start = Date.now();
    const claim = await claimAt(db, start);
    expect(await releaseClaim(db, claim)).toBe(2);
    expect((await deliveryRows(db)).map((row) => [row.status, row.attempts])).toEqual([
      ["PENDING", 1],
      ["PENDING", 1],
    ]);
    const again = await claimAt(db, Date.now());
    expect(again.deliveries).toHaveLength(2);
    // The old claim no longer holds them: releasing it changes nothing.
    expect(await releaseClaim(db, claim)).toBe(0);
    expect((await deliveryRows(db)).every((row) => row.status === "PROCESSING")).toBe(true);
  });
});

describe(`releaseAllClaims (${testDatabaseKind})`, () => {
  it("gives back every claim a dead process left, due at once", async () => {
    const db = await inboxWithTwo();
    await claimDueDeliveries(db, { now: new Date(), leaseMs: 10 * 60 * second, limit: 10 });
    expect(await releaseAllClaims(db)).toBe(2);
    const claim = await claimAt(db, Date.now());
    expect(claim.deliveries).toHaveLength(2);
  });
});
