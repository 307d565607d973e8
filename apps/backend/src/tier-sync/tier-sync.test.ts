import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { type Customer, customerSchema } from "@greenloop/order-sync/lightspeed";
import { describe, expect, it } from "vitest";
import {
  connectTestClient,
  startTestSimulator,
} from "../ingestion/polling/testing/simulated-lightspeed";
import { writeRetailCustomers } from "../ingestion/retail-mirror";
import { parsed } from "../ingestion/testing/parsed-record";
import {
  type ChosenMetrics,
  expectedTargets,
  giveTiers,
  groupIdByName,
  mirrorAndMergeStore,
  type SeededCustomer,
  storeGroups,
} from "./testing/tier-sync-fixtures";
import {
  applyTierSync,
  planTierSync,
  type TierSyncPlan,
  tierSyncJob,
  tierSyncUndoJob,
  undoTierSync,
} from "./tier-sync";

const cleanup = useTestCleanup();

/** A mix: every tier, a first-time buyer, no tier, a tier TIER_GROUPS does not map, no metrics. */
function mixedTiers(index: number): ChosenMetrics | null {
  if (index % 11 === 10) return null;
  const choices: ChosenMetrics[] = [
    { tier: "Seed" },
    { tier: "Sprout" },
    { tier: "Bloom" },
    { tier: "Evergreen" },
    { tier: "Seed", isFirstTimeBuyer: true },
    { tier: null },
    { tier: "Legend" },
  ];
  return choices[index % choices.length] ?? null;
}

/** Names in other cases and an id, as an operator might write them. */
function tierGroupsFor(sim: RunningSimulator): Record<string, string> {
  return {
    Seed: "Bronze",
    Sprout: "silver",
    Bloom: "GOLD",
    Evergreen: groupIdByName(sim.store, "Platinum"),
    FirstTimeBuyer: "All Customers",
  };
}

const groupOfTier = { Seed: "Bronze", Sprout: "Silver", Bloom: "Gold", Evergreen: "Platinum" };
const targetsOf = (sim: RunningSimulator, seeded: SeededCustomer[]) =>
  expectedTargets(sim.store, seeded, groupOfTier, "All Customers");

async function setUp(
  options: { sim?: RunningSimulator; choose?: (index: number) => ChosenMetrics | null } = {},
) {
  const sim = options.sim ?? (await startTestSimulator(cleanup));
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  await mirrorAndMergeStore(db, sim.store);
  const seeded = await giveTiers(db, options.choose ?? mixedTiers);
  const client = connectTestClient(sim);
  const groups = (await client.fetchCustomerGroups()).records.map((record) => record.data);
  const plan = (tierGroups = tierGroupsFor(sim)) => planTierSync(db, { groups, tierGroups });
  return { sim, db, client, seeded, plan };
}

const changedIds = (plan: TierSyncPlan) =>
  plan.changes.map((change) => [change.retailCustomerId, change.toGroupId]).sort();

async function mirrorGroups(db: Awaited<ReturnType<typeof openTestDatabase>>) {
  const rows = await db.prisma.retailCustomer.findMany({
    select: { id: true, customerGroupId: true },
  });
  return new Map(rows.map((row) => [row.id, row.customerGroupId]));
}

describe(`planTierSync (${testDatabaseKind})`, () => {
  it("plans exactly the X-Series customers not in their group, and changes nothing in the store", async () => {
    const { sim, seeded, plan } = await setUp();
    const before = storeGroups(sim.store);
    const targets = targetsOf(sim, seeded);
    const expected = [...targets]
      .filter(([id, target]) => before.get(id) !== target)
      .map(([id, target]) => [id, target])
      .sort();
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.length).toBeLessThan(targets.size);

    const result = await plan();
    expect(changedIds(result)).toEqual(expected);
    expect(result.unchanged).toBe(targets.size - expected.length);
    const noTier = seeded.filter((c) => c.tier === null && !c.isFirstTimeBuyer).length;
    const legend = seeded.filter((c) => c.tier === "Legend").length;
    expect(result.skipped).toBe(noTier + legend);
    expect(result.skippedByReason).toEqual({ noTier, unmappedTier: { Legend: legend } });
    expect(result.customers).toBe(seeded.length);
    const reasons = new Set(result.changes.map((change) => change.reason));
    expect(
      [...reasons].every((r) => /^(tier:(Seed|Sprout|Bloom|Evergreen)|first-time-buyer)$/.test(r)),
    ).toBe(true);
    for (const change of result.changes) {
      expect(change.fromGroupId).toBe(before.get(change.retailCustomerId));
    }
    const byGroup: Record<string, number> = {};
    for (const [, target] of expected) {
      const name = sim.store.customerGroups().find((g) => g.id === target)?.name ?? "";
      byGroup[name] = (byGroup[name] ?? 0) + 1;
    }
    expect(result.byGroup).toEqual(byGroup);

    expect(storeGroups(sim.store)).toEqual(before);
  });

  it("fails with CONFIG naming an unknown group and listing the store's groups", async () => {
    const { sim, plan } = await setUp();
    const attempt = plan({ ...tierGroupsFor(sim), Bloom: "Diamond Club" });
    await expect(attempt).rejects.toMatchObject({
      code: "CONFIG",
      message: expect.stringContaining('TIER_GROUPS maps Bloom to "Diamond Club"'),
    });
    await expect(attempt).rejects.toThrow(
      /"All Customers".*"Bronze".*"Silver".*"Gold".*"Platinum"/,
    );
  });
});

describe(`applyTierSync and undoTierSync (${testDatabaseKind})`, () => {
  it("changes exactly the differing customers, plans nothing after, and undo restores every group", async () => {
    const { sim, db, client, seeded, plan } = await setUp();
    const before = storeGroups(sim.store);
    const mirrorBefore = await mirrorGroups(db);
    const planned = await plan();
    const targets = targetsOf(sim, seeded);

    const run = await applyTierSync(db, client, planned);
    expect(run).toMatchObject({
      applied: planned.changes.length,
      errors: [],
      notAttempted: 0,
      interrupted: false,
      halted: null,
    });
    const after = storeGroups(sim.store);
    for (const [id, group] of before) {
      expect(after.get(id)).toBe(targets.has(id) ? targets.get(id) : group);
    }
    const logged = await db.prisma.customerGroupChange.findMany({
      select: { runId: true, retailCustomerId: true, fromGroupId: true, toGroupId: true },
    });
    expect(logged).toHaveLength(planned.changes.length);
    expect(new Set(logged.map((row) => row.runId))).toEqual(new Set([run.runId]));
    expect(
      await db.prisma.jobRun.findUnique({
        where: { id: run.runId },
        select: { job: true, status: true, records: true, errors: true },
      }),
    ).toEqual({
      job: tierSyncJob,
      status: "SUCCEEDED",
      records: planned.changes.length,
      errors: 0,
    });

    expect((await plan()).changes).toEqual([]);

    const undo = await undoTierSync(db, client, run.runId);
    expect(undo).toMatchObject({ undone: planned.changes.length, skipped: [] });
    expect(storeGroups(sim.store)).toEqual(before);
    expect(await mirrorGroups(db)).toEqual(mirrorBefore);
    expect(await db.prisma.customerGroupChange.count({ where: { undoneAt: null } })).toBe(0);
    expect(
      await db.prisma.jobRun.count({ where: { job: tierSyncUndoJob, status: "SUCCEEDED" } }),
    ).toBe(1);

    const again = await undoTierSync(db, client, run.runId);
    expect(again).toMatchObject({ undone: 0, skipped: [] });
    expect(changedIds(await plan())).toEqual(changedIds(planned));
  });

  it("changes and restores the same groups through a date version of the API", async () => {
    const { sim, db, seeded, plan } = await setUp();
    const client = connectTestClient(sim, { apiVersion: "2026-07" });
    const before = storeGroups(sim.store);
    const planned = await plan();
    const targets = targetsOf(sim, seeded);

    const run = await applyTierSync(db, client, planned);
    expect(run).toMatchObject({ applied: planned.changes.length, errors: [], halted: null });
    const after = storeGroups(sim.store);
    for (const [id, group] of before) {
      expect(after.get(id)).toBe(targets.has(id) ? targets.get(id) : group);
    }
    expect((await undoTierSync(db, client, run.runId)).undone).toBe(planned.changes.length);
    expect(storeGroups(sim.store)).toEqual(before);
  });

  it("undo leaves customers with no previous group and ones moved since, and reports them", async () => {
    const { sim, db, client, plan } = await setUp();
    const first = await plan();
    const [noGroup, moved, ...rest] = first.changes;
    if (!noGroup || !moved) throw new Error("expected at least two changes");
    await db.prisma.retailCustomer.update({
      where: { id: noGroup.retailCustomerId },
      data: { customerGroupId: null },
    });
    const planned = await plan();
    expect(
      planned.changes.find((c) => c.retailCustomerId === noGroup.retailCustomerId),
    ).toMatchObject({
      fromGroupId: null,
    });
    const before = storeGroups(sim.store);
    const run = await applyTierSync(db, client, planned);
    expect(run.applied).toBe(planned.changes.length);

    // Someone moves a customer in X-Series; the next poll brings it into the mirror.
    const elsewhere = groupIdByName(
      sim.store,
      moved.toGroupId === groupIdByName(sim.store, "Gold") ? "Silver" : "Gold",
    );
    sim.store.updateCustomer(moved.retailCustomerId, { customer_group_id: elsewhere });
    await writeRetailCustomers(db.prisma, [
      parsed<Customer>(customerSchema, sim.store.getCustomer(moved.retailCustomerId)),
    ]);

    const undo = await undoTierSync(db, client, run.runId);
    expect(undo.undone).toBe(rest.length);
    expect(undo.skipped).toEqual(
      expect.arrayContaining([
        {
          customerId: noGroup.customerId,
          retailCustomerId: noGroup.retailCustomerId,
          reason: "no-previous-group",
        },
        {
          customerId: moved.customerId,
          retailCustomerId: moved.retailCustomerId,
          reason: "moved-since",
        },
      ]),
    );
    expect(undo.skipped).toHaveLength(2);
    const after = storeGroups(sim.store);
    expect(after.get(moved.retailCustomerId)).toBe(elsewhere);
    expect(after.get(noGroup.retailCustomerId)).toBe(noGroup.toGroupId);
    for (const change of rest) {
      expect(after.get(change.retailCustomerId)).toBe(before.get(change.retailCustomerId));
    }
  });

  it("records a failed change and goes on, and stops when Lightspeed is down", async () => {
    const { sim, db, client, plan } = await setUp();
    const planned = await plan();
    const [first, second, third] = planned.changes;
    if (!first || !second || !third) throw new Error("expected at least three changes");
    const ghost = { ...first, retailCustomerId: "00000000-0000-4000-8000-000000000000" };
    const run = await applyTierSync(db, client, {
      ...planned,
      changes: [ghost, first, second],
    });
    expect(run.applied).toBe(2);
    expect(run.errors).toEqual([
      {
        customerId: first.customerId,
        message: expect.stringMatching(/^Lightspeed answered 404 to PUT/),
      },
    ]);
    expect(run.halted).toBeNull();
    expect(await db.prisma.customerGroupChange.count({ where: { runId: run.runId } })).toBe(2);

    sim.store.faults.failNext(10, 503);
    const down = await applyTierSync(db, client, await plan());
    expect(down).toMatchObject({
      applied: 0,
      halted: { code: "UNAVAILABLE" },
      interrupted: false,
    });
    expect(down.errors).toHaveLength(1);
    expect(down.notAttempted).toBe(planned.changes.length - 3);
    expect(
      await db.prisma.jobRun.findUnique({ where: { id: down.runId }, select: { status: true } }),
    ).toEqual({ status: "FAILED" });
    sim.store.faults.reset();
    expect(storeGroups(sim.store).get(third.retailCustomerId)).toBe(third.fromGroupId);
  });

  it("stops after the current change when aborted, and a later run continues", async () => {
    const { db, client, plan } = await setUp();
    const planned = await plan();
    const ctrlC = new AbortController();
    const run = await applyTierSync(db, client, planned, {
      signal: ctrlC.signal,
      onProgress: ({ attempted }) => {
        if (attempted === 2) ctrlC.abort("SIGINT");
      },
    });
    expect(run).toMatchObject({
      applied: 2,
      interrupted: true,
      notAttempted: planned.changes.length - 2,
    });
    const rest = await plan();
    expect(rest.changes).toHaveLength(planned.changes.length - 2);
    const limited = await applyTierSync(db, client, rest, { limit: 3 });
    expect(limited).toMatchObject({ applied: 3, notAttempted: rest.changes.length - 3 });
  });

  it("completes many changes within the store's rate limit", async () => {
    const sim = await startSimulator({
      seed: 5,
      store: { customers: 40, inStoreSales: 110, ecomOrders: 16, months: 2 },
      rateLimit: { limit: 15, windowMs: 300_000 },
    });
    cleanup.defer(() => sim.close());
    const startedAt = sim.store.now().getTime();
    const { db, client, seeded, plan } = await setUp({
      sim,
      choose: () => ({ tier: "Evergreen" }),
    });
    const planned = await plan();
    expect(planned.changes.length).toBeGreaterThan(30);

    const run = await applyTierSync(db, client, planned);
    expect(run).toMatchObject({ applied: planned.changes.length, errors: [], halted: null });
    const platinum = groupIdByName(sim.store, "Platinum");
    const after = storeGroups(sim.store);
    for (const id of seeded.flatMap((customer) => customer.retailCustomerIds)) {
      expect(after.get(id)).toBe(platinum);
    }
    // More requests than one window allows: the client waited for the window to reset.
    expect(sim.store.now().getTime() - startedAt).toBeGreaterThanOrEqual(300_000);
  });
});
