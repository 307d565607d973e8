// The merge through the CLI, against the simulator over loopback: sync, import the eCom export,
// look customers up, review merges, split a wrong one and see the split survive a full re-sync.
import { openDatabase } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { startTestSimulator } from "../../ingestion/polling/testing/simulated-lightspeed";
import { addEmailOnlyAndPhoneOnly, addFamilyEmail } from "../../merge/testing/identity-scenarios";
import { ingestRetail } from "../../merge/testing/merge-harness";
import { cliJson, freshDatabaseEnv, runCliCaptured, syncedStoreEnv } from "../testing/cli-test-env";

const cleanup = useTestCleanup();

describe(`pnpm cli customers / report merges (${testDatabaseKind})`, () => {
  it("looks customers up, reports merges and flags, and keeps a split after a re-sync", async () => {
    const sim = await startTestSimulator(cleanup, { inStoreSales: 20 });
    const { store } = sim;
    // One person as an email-only and a phone-only X-Series record, joined by an online order.
    const { emailOnly, phoneOnly } = addEmailOnlyAndPhoneOnly(store, {
      first_name: "Dana",
      email: "dana.reed@example.com",
      mobile: "(615) 555-0142",
    });
    const online = store.placeEcomOrder({
      email: "dana.reed@example.com",
      phoneDigits: "6155550142",
      delayMs: 365 * 86_400_000, // not in X-Series yet
    });
    // Two people behind one family email, each with their own phone and history.
    const { mom, son } = addFamilyEmail(store, "garcias@example.com", {
      mom: { first_name: "Ana", mobile: "615-555-0101" },
      son: { first_name: "Leo", mobile: "615-555-0102" },
    });

    const env = await syncedStoreEnv(cleanup, sim);

    const dana = await cliJson(["customers", "lookup", "--email", " Dana.Reed@Example.com "], env);
    expect(dana.customer).toMatchObject({
      emails: ["dana.reed@example.com"],
      phones: ["+16155550142"],
      retailCustomerIds: [emailOnly.id, phoneOnly.id].sort(),
    });
    expect(Object.keys(dana.orders[0]).sort()).toEqual(
      ["ecomOrderNumber", "id", "placedAt", "retailSaleId", "source", "status", "total"].sort(),
    );
    expect(dana.orders.map((o: { source: string }) => o.source).sort()).toEqual([
      "ecom_unsynced",
      "retail",
      "retail",
    ]);
    expect(dana.orders.find((o: { source: string }) => o.source === "ecom_unsynced")).toMatchObject(
      { ecomOrderNumber: online.orderNumber, retailSaleId: null },
    );
    // The analytics ran after the sync and the import: the lookup carries them. (They are as of
    // the real clock, months after the simulated store's history: everyone is inactive.)
    expect(dana.metrics).toMatchObject({
      lifetimeValue: expect.stringMatching(/^\d+\.\d{2}$/),
      orderCount: 3,
      ecomOrderCount: 1,
      rolling90DaySpend: expect.stringMatching(/^\d+\.\d{2}$/),
      inactiveSegment: "90d+",
      tier: "Seed",
    });
    const danaTotal = dana.orders.reduce(
      (sum: number, o: { total: string }) => sum + Math.round(Number(o.total) * 100),
      0,
    );
    expect(Math.round(Number(dana.metrics.lifetimeValue) * 100)).toBe(danaTotal);
    const full = await cliJson(["analytics", "--full"], env);
    expect(full).toMatchObject({ mode: "full", modelsFitted: true });
    const scored = await cliJson(["customers", "lookup", "--email", "dana.reed@example.com"], env);
    expect(Object.keys(scored.metrics)).toEqual(
      expect.arrayContaining([
        "lifetimeValue",
        "orderCount",
        "averageOrderValue",
        "firstOrderAt",
        "lastOrderAt",
        "rolling90DaySpend",
        "inactiveSegment",
        "tier",
        "rfmSegment",
        "probabilityAlive",
        "predictedClv365",
      ]),
    );
    expect(scored.metrics.rfmSegment).toEqual(expect.any(String));
    expect(scored.metrics.probabilityAlive).toBeGreaterThan(0);
    // Predictions as customers.byId gives them: this small store fails the store's gates…
    expect(scored.predictions).toEqual({
      nextOrderAt: null,
      churnProbability: null,
      churnBand: null,
      predictedOrders365d: null,
      predictedSpend365d: null,
      withheldReason: {
        code: "store_not_eligible",
        message: expect.stringContaining("At least 500 customers with orders"),
      },
    });
    // …and with gates it passes, Dana (three orders, long inactive) gets her 365-day figures.
    const lenient = {
      ...env,
      PREDICTION_MIN_CUSTOMERS: "1",
      PREDICTION_RECENT_ORDER_DAYS: "100000",
      PREDICTION_MIN_REPEAT_CUSTOMERS: "1",
      PREDICTION_MIN_HISTORY_DAYS: "0",
    };
    await cliJson(["analytics", "--full"], lenient);
    const predicted = await cliJson(
      ["customers", "lookup", "--email", "dana.reed@example.com"],
      lenient,
    );
    expect(predicted.predictions).toMatchObject({
      predictedOrders365d: expect.any(Number),
      predictedSpend365d: expect.stringMatching(/^\d+\.\d+$/),
    });
    expect(predicted.predictions.withheldReason?.code ?? null).not.toBe("store_not_eligible");
    const otherSpelling = await cliJson(
      ["customers", "lookup", "--email", "dana.reed+orders@example.com"],
      env,
    );
    expect(otherSpelling.customer.id).toBe(dana.customer.id);
    const byPhone = await cliJson(["customers", "lookup", "--phone", "615.555.0142"], env);
    expect(byPhone.customer.id).toBe(dana.customer.id);

    const family = await cliJson(["customers", "lookup", "--email", "garcias@example.com"], env);
    expect(family.customer).toBeUndefined();
    expect(family.customers.map((c: { phones: string[] }) => c.phones).sort()).toEqual([
      ["+16155550101"],
      ["+16155550102"],
    ]);
    expect(await cliJson(["customers", "lookup", "--email", "nobody@example.com"], env)).toEqual({
      ok: true,
      command: "customers",
      customer: null,
    });

    const report = await cliJson(["report", "merges"], env);
    expect(report.flagged).toContainEqual(
      expect.objectContaining({
        kind: "EMAIL",
        value: "garcias@example.com",
        records: [`retail_customer:${mom.id}`, `retail_customer:${son.id}`].sort(),
      }),
    );
    const danaMerge = report.merges.find(
      (m: { customerId: string }) => m.customerId === dana.customer.id,
    );
    expect(danaMerge.links.map((l: { reason: string }) => l.reason)).toEqual(
      expect.arrayContaining(["same email", "same phone"]),
    );

    // The operator says the phone-only record is someone else: split it out.
    const split = await cliJson(
      ["customers", "split", dana.customer.id, "--record", `retail_customer:${phoneOnly.id}`],
      env,
    );
    // The X-Series customer moves with its sale.
    expect(split.moved).toHaveLength(2);
    expect(split.moved).toContain(`retail_customer:${phoneOnly.id}`);
    // The online order (Dana's email) also carries that phone: it is now shared, and a lookup by
    // it names both customers instead of guessing.
    const afterSplit = await cliJson(["customers", "lookup", "--phone", "6155550142"], env);
    expect(afterSplit.customers.map((c: { id: string }) => c.id).sort()).toEqual(
      [dana.customer.id, split.newCustomerId].sort(),
    );

    // Everything again from scratch: a full re-sync and a full re-merge keep the split.
    store.updateCustomer(phoneOnly.id, { last_name: "Reed" });
    await cliJson(["sync", "--full"], env);
    await cliJson(["merge", "--all"], env);
    const email = await cliJson(["customers", "lookup", "--email", "dana.reed@example.com"], env);
    expect(email.customer.id).toBe(dana.customer.id);
    expect(email.customer.retailCustomerIds).toEqual([emailOnly.id]);
    const phone = await cliJson(["customers", "lookup", "--phone", "6155550142"], env);
    const other = phone.customers.find((c: { id: string }) => c.id === split.newCustomerId);
    expect(other.retailCustomerIds).toEqual([phoneOnly.id]);
    expect(other.orders).toHaveLength(1);

    const explained = await cliJson(["customers", "explain", dana.customer.id], env);
    expect(explained.history.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(["MERGE", "PIN", "SPLIT"]),
    );
  });
});

describe(`pnpm cli customers erase (${testDatabaseKind})`, () => {
  it("erases a customer once, reports it, and refuses a bad id", async () => {
    const env = await freshDatabaseEnv(cleanup);
    const store = new SimulatedStore({
      seed: 9,
      store: { customers: 3, inStoreSales: 5, ecomOrders: 0, months: 1 },
    });
    const person = store.createCustomer({
      first_name: "Wilhelmina",
      last_name: "Strandberg",
      email: "wilhelmina@example.net",
    });
    store.createSale({ customer_id: person.id });
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    let customerId: string;
    try {
      await db.migrate();
      await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
      const record = await db.prisma.identityRecord.findUniqueOrThrow({
        where: { key: `retail_customer:${person.id}` },
        select: { customerId: true },
      });
      customerId = record.customerId as string;
    } finally {
      await db.close();
    }

    const erased = await cliJson(
      ["customers", "erase", customerId, "--reason", "deletion request #7"],
      env,
    );
    expect(erased).toMatchObject({
      ok: true,
      command: "customers",
      customerId,
      alreadyErased: false,
      removed: expect.objectContaining({ RetailCustomer: 1, RetailSale: 1 }),
    });
    const human = await runCliCaptured(["customers", "erase", customerId], env);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain(`already erased (erasure ${erased.erasureId}`);
    expect(human.stdout).not.toContain("Wilhelmina");

    const badId = await runCliCaptured(["customers", "erase", "nope"], env);
    expect(badId.exitCode).toBe(2);
    const unknown = await runCliCaptured(
      ["customers", "erase", "00000000-0000-4000-8000-000000000000"],
      env,
    );
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr + unknown.stdout).toContain("No customer");

    const check = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    try {
      const row = await check.prisma.retailCustomer.findUniqueOrThrow({ where: { id: person.id } });
      expect(row).toMatchObject({ firstName: null, lastName: null, email: null });
      expect(await check.prisma.erasure.count()).toBe(1);
      const erasure = await check.prisma.erasure.findFirstOrThrow();
      expect(erasure).toMatchObject({ reason: "deletion request #7" });
      expect(erasure.requestedBy).toMatch(/^cli:/);
    } finally {
      await check.close();
    }
  });
});
