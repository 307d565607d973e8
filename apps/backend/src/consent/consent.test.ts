// Consent from the sources to the customer, through the real paths: the X-Series mirror (a poll
// and a webhook over loopback against the simulator), the eCom CSV import, the merge, an operator's
// merge and split.
import type { Database } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { importEcomOrders } from "../imports/import-ecom-orders";
import { pollRetail } from "../ingestion/polling/poll-retail";
import { createRetailChangeHandler } from "../ingestion/retail-change-handler";
import {
  connectClient,
  eventFeed,
  startSmallSimulator,
  storeBodies,
} from "../ingestion/webhooks/testing/worker-harness";
import { createWebhookWorker } from "../ingestion/webhooks/webhook-worker";
import { createLogger } from "../logger";
import { mergeChanges } from "../merge/merge-changes";
import { mergeCustomers } from "../merge/merge-customers";
import { splitCustomer } from "../merge/split-customer";
import {
  emptyStore,
  importStoreExport,
  ingestRetail,
  testMergeRules,
} from "../merge/testing/merge-harness";
import { openDatabaseForTest } from "../testing/test-database";
import { loadCustomerConsents } from "./customer-consent";
import { writeConsentObservations } from "./write-consent";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The live customer carrying this email. */
async function customerWithEmail(db: Pick<Database, "prisma">, email: string): Promise<string> {
  const identity = await db.prisma.customerIdentity.findFirstOrThrow({
    where: { kind: "EMAIL", normalizedValue: email, customer: { mergedIntoId: null } },
    select: { customerId: true },
  });
  return identity.customerId;
}

async function emailConsent(db: Pick<Database, "prisma">, customerId: string) {
  return (await loadCustomerConsents(db, [customerId])).get(customerId)?.email;
}

/**
 * A person who opted out at the register, then said yes at an online checkout a day later (with
 * `onlineEmail`, their own or another one), both synced and imported.
 */
async function optedOutThenInOnline(seed: number, name: string, onlineEmail?: string) {
  const db = await openDatabaseForTest(cleanup);
  const store = emptyStore(seed);
  const email = `${name.toLowerCase()}@example.com`;
  const retail = store.createCustomer({ first_name: name, email, do_not_email: true });
  await ingestRetail(db, { customers: store.customers() });
  store.advanceClock(DAY);
  const online = store.placeEcomOrder({ email: onlineEmail ?? email, acceptMarketing: true });
  store.advanceClock(HOUR);
  await importStoreExport(db, store);
  return { db, store, retail, online, customerId: await customerWithEmail(db, email) };
}

/** Every stored consent row, as a stable list. */
function consentRows(db: Pick<Database, "prisma">) {
  return db.prisma.customerConsent.findMany({ orderBy: [{ channel: "asc" }, { source: "asc" }] });
}

describe(`X-Series consent (${testDatabaseKind})`, () => {
  it("does carry do_not_email through a poll and a webhook to the customer, and a default alone says nothing", async () => {
    const db = await openDatabaseForTest(cleanup);
    const sim = await startSmallSimulator(cleanup, { customers: 0 });
    const env = loadEnv({});
    const handler = createRetailChangeHandler({ db, env, logger: silent, trigger: "test" });
    const events = eventFeed(sim);
    const nora = sim.store.createCustomer({
      first_name: "Nora",
      email: "nora@example.com",
      do_not_email: true,
    });
    // At X-Series's default: no answer of hers, so unknown (not granted).
    const omar = sim.store.createCustomer({ first_name: "Omar", email: "omar@example.com" });
    events();

    const poll = await pollRetail({
      db,
      client: connectClient(sim),
      trigger: "test",
      onRetailChanges: handler,
    });
    expect(poll.ok).toBe(true);
    const noraId = await customerWithEmail(db, "nora@example.com");
    expect(await emailConsent(db, noraId)).toEqual({
      status: "denied",
      source: `xseries:${nora.id}`,
      observedAt: new Date(nora.updated_at),
    });
    const omarId = await customerWithEmail(db, "omar@example.com");
    expect(await emailConsent(db, omarId)).toEqual({
      status: "unknown",
      source: null,
      observedAt: null,
    });
    expect(await db.prisma.customerConsent.count({ where: { source: `xseries:${omar.id}` } })).toBe(
      0,
    );

    // The store unticks the flag at the register: the webhook brings the withdrawal.
    sim.store.advanceClock(DAY);
    const unticked = sim.store.updateCustomer(nora.id, { do_not_email: false });
    await storeBodies(
      db,
      events().map((event) => event.body),
    );
    const worker = createWebhookWorker({
      db,
      client: connectClient(sim),
      logger: silent,
      burstThreshold: Number.POSITIVE_INFINITY,
      onRetailChanges: handler,
    });
    expect(await worker.runOnce()).toMatchObject({ done: 1 });
    expect(await emailConsent(db, noraId)).toEqual({
      status: "granted",
      source: `xseries:${nora.id}`,
      observedAt: new Date(unticked.updated_at),
    });

    // Another edit that leaves the flag alone keeps the time it was set; a repeat writes nothing.
    const before = await consentRows(db);
    sim.store.advanceClock(HOUR);
    sim.store.updateCustomer(nora.id, { note: "prefers texts" });
    expect((await pollRetail({ db, client: connectClient(sim), trigger: "test" })).ok).toBe(true);
    expect(
      await pollRetail({ db, client: connectClient(sim), trigger: "test", full: true }),
    ).toMatchObject({ ok: true });
    expect(await consentRows(db)).toEqual(before);
  });
});

describe(`eCom consent (${testDatabaseKind})`, () => {
  it("does carry accept_marketing through the import: the latest order's answer, nothing twice, a changed answer updated", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(31);
    const first = store.placeEcomOrder({ email: "ivy@example.com", acceptMarketing: true });
    store.advanceClock(DAY);
    const second = store.placeEcomOrder({ email: "ivy@example.com", acceptMarketing: false });
    store.advanceClock(HOUR);

    await importStoreExport(db, store);
    const ivy = await customerWithEmail(db, "ivy@example.com");
    expect(await emailConsent(db, ivy)).toEqual({
      status: "denied",
      source: `ecom:${second.orderNumber}`,
      observedAt: new Date(second.placedAtMs),
    });
    const rows = await consentRows(db);
    expect(rows.map((row) => [row.source, row.recordKey, row.status])).toEqual([
      [`ecom:${first.orderNumber}`, `order:ecom:${first.orderNumber}`, "granted"],
      [`ecom:${second.orderNumber}`, `order:ecom:${second.orderNumber}`, "denied"],
    ]);

    // The same export again changes nothing.
    const again = await importStoreExport(db, store);
    expect(again.ordersUnchanged).toBe(2);
    expect(await consentRows(db)).toEqual(rows);

    // A newer export where only the answer changed: the order is unchanged, its consent is not.
    store.setEcomMarketingConsent(second.orderNumber, true);
    const newer = await importStoreExport(db, store);
    expect(newer.ordersUnchanged).toBe(2);
    const updated = await consentRows(db);
    expect(updated[0]).toEqual(rows[0]);
    expect(updated[1]).toMatchObject({ status: "granted", observedAt: rows[1]?.observedAt });
    expect(updated[1]?.recordedAt.getTime()).toBeGreaterThanOrEqual(
      rows[1]?.recordedAt.getTime() ?? Number.POSITIVE_INFINITY,
    );
    expect(await emailConsent(db, ivy)).toMatchObject({
      status: "granted",
      source: `ecom:${second.orderNumber}`,
    });

    // An export without the column says nothing: the answers stand.
    const csv = store.ecomCsvExport();
    const withoutColumn = csv.replace(";accept_marketing;", ";marketing_removed;");
    expect(withoutColumn).not.toBe(csv);
    await importEcomOrders({
      db,
      source: parseEcomCsv(withoutColumn, { timeZone: store.timeZone }),
      file: { name: "export.csv", sha256: "no-column", bytes: withoutColumn.length },
      format: "auto",
    });
    expect(await consentRows(db)).toEqual(updated);
  });
});

describe(`consent conflicts (${testDatabaseKind})`, () => {
  it("does let the latest observation win across sources, a denial win a tie, and never a default", async () => {
    const {
      db,
      store,
      retail: kai,
      online,
      customerId: kaiId,
    } = await optedOutThenInOnline(32, "Kai");
    // Opted in online after opting out at the register: in.
    expect(await emailConsent(db, kaiId)).toMatchObject({
      status: "granted",
      source: `ecom:${online.orderNumber}`,
    });

    // Still ticked at the register, re-saved for another reason: the online answer stands.
    store.advanceClock(DAY);
    await ingestRetail(db, { customers: [store.updateCustomer(kai.id, { note: "regular" })] });
    expect((await emailConsent(db, kaiId))?.status).toBe("granted");

    // The register withdraws the flag, then records the opt-out again, later: out.
    await ingestRetail(db, { customers: [store.updateCustomer(kai.id, { do_not_email: false })] });
    store.advanceClock(HOUR);
    const optedOut = store.updateCustomer(kai.id, { do_not_email: true });
    await ingestRetail(db, { customers: [optedOut] });
    expect(await emailConsent(db, kaiId)).toEqual({
      status: "denied",
      source: `xseries:${kai.id}`,
      observedAt: new Date(optedOut.updated_at),
    });

    // Lea said no online; the X-Series customer the eCom integration creates for her later (at its
    // default) does not overturn it.
    const lea = store.placeEcomOrder({
      email: "lea@example.com",
      acceptMarketing: false,
      delayMs: HOUR,
    });
    await importStoreExport(db, store);
    store.advanceClock(DAY);
    const created = store.customers().filter((c) => c.email === "lea@example.com");
    expect(created.map((c) => c.do_not_email)).toEqual([false]);
    await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
    const leaId = await customerWithEmail(db, "lea@example.com");
    expect(
      await db.prisma.identityRecord.count({
        where: { customerId: leaId, key: `retail_customer:${created[0]?.id}` },
      }),
    ).toBe(1);
    expect(await emailConsent(db, leaId)).toMatchObject({
      status: "denied",
      source: `ecom:${lea.orderNumber}`,
    });

    // Two of Kai's records answer at the same moment, one each way: the denial wins, whichever way
    // round.
    const at = new Date("2030-01-01T00:00:00Z");
    for (const [retail, ecom] of [
      ["granted", "denied"],
      ["denied", "granted"],
    ] as const) {
      await writeConsentObservations(
        { query: (sql, params) => db.prisma.$queryRawUnsafe(sql, ...(params ?? [])) },
        [
          {
            channel: "email",
            status: retail,
            source: `xseries:${kai.id}`,
            recordKey: `retail_customer:${kai.id}`,
            observedAt: at,
            isDefault: false,
          },
          {
            channel: "email",
            status: ecom,
            source: `ecom:${online.orderNumber}`,
            recordKey: `order:ecom:${online.orderNumber}`,
            observedAt: at,
            isDefault: false,
          },
        ],
      );
      expect(await emailConsent(db, kaiId)).toMatchObject({ status: "denied", observedAt: at });
    }
  });
});

describe(`consent through merges and splits (${testDatabaseKind})`, () => {
  it("does follow the records: an operator's merge resolves both sides' answers, a split gives each its own", async () => {
    const {
      db,
      retail: ana,
      online: order,
      customerId: anaId,
    } = await optedOutThenInOnline(33, "Ana", "ana.work@example.com");
    const workId = await customerWithEmail(db, "ana.work@example.com");
    expect(anaId).not.toBe(workId);
    expect((await emailConsent(db, anaId))?.status).toBe("denied");
    expect((await emailConsent(db, workId))?.status).toBe("granted");

    await mergeCustomers(db, { customerId: anaId, otherCustomerId: workId }, testMergeRules);
    // Her latest answer, from the record that joined.
    expect(await emailConsent(db, anaId)).toMatchObject({
      status: "granted",
      source: `ecom:${order.orderNumber}`,
    });
    expect(await emailConsent(db, workId)).toMatchObject({ status: "unknown" });

    const split = await splitCustomer(
      db,
      { customerId: anaId, records: [`order:ecom:${order.orderNumber}`] },
      testMergeRules,
    );
    expect(await emailConsent(db, anaId)).toMatchObject({
      status: "denied",
      source: `xseries:${ana.id}`,
    });
    expect(await emailConsent(db, split.newCustomerId)).toMatchObject({
      status: "granted",
      source: `ecom:${order.orderNumber}`,
    });

    // A later sync re-merges nothing: the split stands, and so does each side's consent.
    await mergeChanges(
      db,
      { retailCustomerIds: [ana.id], ecomOrderNumbers: [order.orderNumber] },
      testMergeRules,
    );
    expect((await emailConsent(db, anaId))?.status).toBe("denied");
    expect((await emailConsent(db, split.newCustomerId))?.status).toBe("granted");
  });
});
