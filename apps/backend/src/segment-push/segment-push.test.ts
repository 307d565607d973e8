import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { type RunningSimulator, startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { seedCustomerMetrics } from "../analytics/testing/seed-customer-metrics";
import {
  connectTestClient,
  startTestSimulator,
} from "../ingestion/polling/testing/simulated-lightspeed";
import {
  giveTiers,
  groupIdByName,
  mirrorAndMergeStore,
  type SeededCustomer,
  storeGroups,
} from "../tier-sync/testing/tier-sync-fixtures";
import { testApi, trpcErrorCode } from "../trpc/testing/api-test-kit";

const cleanup = useTestCleanup();

/** Every other customer is Bloom (the segment pushed), the rest Seed. */
const bloomOrSeed = (index: number) => ({ tier: index % 2 === 0 ? "Bloom" : "Seed" });

async function setUp(
  options: { sim?: RunningSimulator; tiers?: Parameters<typeof giveTiers>[1] } = {},
) {
  const sim = options.sim ?? (await startTestSimulator(cleanup));
  const gold = groupIdByName(sim.store, "Gold");
  // A few X-Series customers are in Gold already: the preview counts them, the push leaves them.
  for (const customer of sim.store.customers().slice(0, 6)) {
    sim.store.updateCustomer(customer.id, { customer_group_id: gold });
  }
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  await mirrorAndMergeStore(db, sim.store);
  const seeded = await giveTiers(db, options.tiers ?? bloomOrSeed);
  // A customer known only from eCom: in the segment, but with nothing in X-Series to move.
  const online = await db.prisma.customer.create({
    data: { displayName: "Olive Online" },
    select: { id: true },
  });
  await seedCustomerMetrics(db, online.id, { tier: "Bloom" });
  const operator = await testApi(db, "operator", { lightspeed: () => connectTestClient(sim) });
  return { sim, db, gold, seeded, online, caller: operator.caller };
}

/** The reference: who is in the segment and where their X-Series records are now. */
function expectedPreview(sim: RunningSimulator, seeded: SeededCustomer[], groupId: string) {
  const groups = storeGroups(sim.store);
  const bloom = seeded.filter((customer) => customer.tier === "Bloom");
  const withRecords = bloom.filter((customer) => customer.retailCustomerIds.length > 0);
  const inGroup = withRecords.filter((customer) =>
    customer.retailCustomerIds.every((id) => groups.get(id) === groupId),
  );
  const toMove = withRecords.flatMap((customer) =>
    customer.retailCustomerIds.filter((id) => groups.get(id) !== groupId),
  );
  return {
    customers: bloom.length + 1,
    customersAlreadyInGroup: inGroup.length,
    customersToAdd: withRecords.length - inGroup.length,
    customersWithoutRetailCustomer: bloom.length - withRecords.length + 1,
    recordsToMove: toMove.length,
    toMove,
  };
}

const bloomInGold = (gold: string) => ({ by: "tier" as const, segment: "Bloom", groupId: gold });

describe(`segment push (${testDatabaseKind})`, () => {
  it("previews exact counts, pushes, changes nothing when pushed again, and undo restores every group", async () => {
    const { sim, db, gold, seeded, online, caller } = await setUp();
    const before = storeGroups(sim.store);
    const expected = expectedPreview(sim, seeded, gold);
    expect(expected.customersAlreadyInGroup).toBeGreaterThan(0);
    expect(expected.customersToAdd).toBeGreaterThan(5);

    const preview = await caller.segmentPush.preview(bloomInGold(gold));
    expect(preview).toMatchObject({
      segment: { by: "tier", value: "Bloom" },
      group: { id: gold, name: "Gold" },
      customers: expected.customers,
      customersToAdd: expected.customersToAdd,
      customersAlreadyInGroup: expected.customersAlreadyInGroup,
      customersWithoutRetailCustomer: expected.customersWithoutRetailCustomer,
      recordsToMove: expected.recordsToMove,
    });
    expect(preview.withoutRetailCustomerSample).toContainEqual({
      customerId: online.id,
      displayName: "Olive Online",
    });
    expect(Object.values(preview.fromGroups).reduce((a, b) => a + b, 0)).toBe(
      expected.recordsToMove,
    );
    expect(storeGroups(sim.store)).toEqual(before);

    const pushed = await caller.segmentPush.push(bloomInGold(gold));
    expect(pushed).toMatchObject({
      applied: expected.recordsToMove,
      failed: 0,
      notAttempted: 0,
      stopped: null,
    });
    const after = storeGroups(sim.store);
    const bloomRecords = new Set(
      seeded.filter((c) => c.tier === "Bloom").flatMap((c) => c.retailCustomerIds),
    );
    for (const [id, group] of before) {
      expect(after.get(id), id).toBe(bloomRecords.has(id) ? gold : group);
    }

    const again = await caller.segmentPush.push(bloomInGold(gold));
    expect(again).toMatchObject({ applied: 0, failed: 0, stopped: null });
    expect(again.preview).toMatchObject({
      customersToAdd: 0,
      customersAlreadyInGroup: expected.customersAlreadyInGroup + expected.customersToAdd,
    });
    expect(storeGroups(sim.store)).toEqual(after);

    expect(await caller.segmentPush.list({})).toMatchObject([
      { runId: again.runId, applied: 0, undoable: 0, status: "SUCCEEDED" },
      {
        runId: pushed.runId,
        applied: expected.recordsToMove,
        undoable: expected.recordsToMove,
        segment: { by: "tier", value: "Bloom" },
        group: { id: gold, name: "Gold" },
      },
    ]);

    const undo = await caller.segmentPush.undo({ runId: pushed.runId });
    expect(undo).toEqual({
      runId: pushed.runId,
      undone: expected.recordsToMove,
      leftAlone: { "moved-since": 0, "no-previous-group": 0, deleted: 0, failed: 0 },
      stopped: null,
    });
    expect(storeGroups(sim.store)).toEqual(before);
    const mirror = await db.prisma.retailCustomer.findMany({
      select: { id: true, customerGroupId: true },
    });
    for (const row of mirror) expect(row.customerGroupId, row.id).toBe(before.get(row.id));
    expect((await caller.segmentPush.list({}))[1]).toMatchObject({ undoable: 0 });
    expect(await caller.segmentPush.preview(bloomInGold(gold))).toMatchObject({
      customersToAdd: expected.customersToAdd,
      recordsToMove: expected.recordsToMove,
    });
  });

  it("undo leaves a customer moved in X-Series since (not polled yet), and says how many", async () => {
    const { sim, gold, seeded, caller } = await setUp();
    const before = storeGroups(sim.store);
    const { toMove } = expectedPreview(sim, seeded, gold);
    const pushed = await caller.segmentPush.push(bloomInGold(gold));
    expect(pushed.applied).toBe(toMove.length);

    // Staff move one of them in X-Series; the mirror has not seen it yet.
    const [moved, ...rest] = toMove;
    if (!moved) throw new Error("expected changes");
    const silver = groupIdByName(sim.store, "Silver");
    sim.store.updateCustomer(moved, { customer_group_id: silver });

    const undo = await caller.segmentPush.undo({ runId: pushed.runId });
    expect(undo).toMatchObject({
      undone: rest.length,
      leftAlone: { "moved-since": 1, "no-previous-group": 0, deleted: 0, failed: 0 },
      stopped: null,
    });
    const after = storeGroups(sim.store);
    expect(after.get(moved)).toBe(silver);
    for (const id of rest) expect(after.get(id), id).toBe(before.get(id));
    expect((await caller.segmentPush.list({}))[0]).toMatchObject({ undoable: 1 });
  });

  it("pushes more customers than the store's rate limit allows in one window, waiting it out", async () => {
    const sim = await startSimulator({
      seed: 5,
      store: { customers: 40, inStoreSales: 110, ecomOrders: 16, months: 2 },
      rateLimit: { limit: 15, windowMs: 300_000 },
    });
    cleanup.defer(() => sim.close());
    const startedAt = sim.store.now().getTime();
    // Everyone Bloom: every other customer (by random id) left the count to chance near the limit.
    const { gold, seeded, caller } = await setUp({ sim, tiers: () => ({ tier: "Bloom" }) });
    const { toMove } = expectedPreview(sim, seeded, gold);
    expect(toMove.length).toBeGreaterThan(15);

    const pushed = await caller.segmentPush.push(bloomInGold(gold));
    expect(pushed).toMatchObject({ applied: toMove.length, failed: 0, stopped: null });
    const after = storeGroups(sim.store);
    for (const id of toMove) expect(after.get(id), id).toBe(gold);
    // More requests than one window allows: the client waited for the window to reset.
    expect(sim.store.now().getTime() - startedAt).toBeGreaterThanOrEqual(300_000);
  });

  it("is for operators only, refuses a group the store does not have, and undoes only pushes", async () => {
    const { sim, db, gold, caller } = await setUp();
    const viewer = await testApi(db, "viewer", { lightspeed: () => connectTestClient(sim) });
    expect(await trpcErrorCode(viewer.caller.segmentPush.groups())).toBe("FORBIDDEN");
    expect(await trpcErrorCode(viewer.caller.segmentPush.preview(bloomInGold(gold)))).toBe(
      "FORBIDDEN",
    );
    expect((await caller.segmentPush.groups()).map((group) => group.name)).toEqual([
      "All Customers",
      "Bronze",
      "Gold",
      "Platinum",
      "Silver",
    ]);
    expect(
      await trpcErrorCode(
        caller.segmentPush.preview({ ...bloomInGold(gold), groupId: "no-such-group" }),
      ),
    ).toBe("NOT_FOUND");
    const tierRun = await db.prisma.jobRun.create({
      data: { job: "tier-sync", trigger: "cli" },
      select: { id: true },
    });
    expect(await trpcErrorCode(caller.segmentPush.undo({ runId: tierRun.id }))).toBe("NOT_FOUND");
  });
});
