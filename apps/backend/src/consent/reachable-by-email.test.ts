// How many customers the store may email, as the Overview's segments, a segment push's preview and
// the customer page say it, on a store whose people answered (or not) in each source.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { ingestAndAnalyze } from "../customers/testing/customer-fixtures";
import { connectClient, startSmallSimulator } from "../ingestion/webhooks/testing/worker-harness";
import { openDatabaseForTest } from "../testing/test-database";
import { groupIdByName } from "../tier-sync/testing/tier-sync-fixtures";
import { testApi } from "../trpc/testing/api-test-kit";

const cleanup = useTestCleanup();
const HOUR = 3_600_000;

/**
 * Dee opted out at the register; Eli never answered (X-Series at its default); Fay said yes online,
 * Gus no; Hal has only a phone; Ike opted out at the register, then said yes online; Jo said yes
 * online, then opted out at the register. Reachable by email: Eli, Fay and Ike.
 */
async function answeringStore() {
  const db = await openDatabaseForTest(cleanup);
  const sim = await startSmallSimulator(cleanup, { customers: 0 });
  const store = sim.store;
  const dee = store.createCustomer({
    first_name: "Dee",
    email: "dee@example.com",
    do_not_email: true,
  });
  const eli = store.createCustomer({ first_name: "Eli", email: "eli@example.com" });
  const hal = store.createCustomer({ first_name: "Hal", mobile: "(615) 555-0177" });
  const ike = store.createCustomer({
    first_name: "Ike",
    email: "ike@example.com",
    do_not_email: true,
  });
  for (const customer of [dee, eli, hal, ike]) store.createSale({ customer_id: customer.id });
  store.advanceClock(HOUR);
  const fay = store.placeEcomOrder({ email: "fay@example.com", acceptMarketing: true });
  const gus = store.placeEcomOrder({ email: "gus@example.com", acceptMarketing: false });
  // Not in X-Series yet (the integration would create Jo's record before the test does).
  const later = { acceptMarketing: true, delayMs: 30 * 24 * HOUR };
  store.placeEcomOrder({ email: "ike@example.com", ...later });
  store.placeEcomOrder({ email: "jo@example.com", ...later });
  store.advanceClock(HOUR);
  store.createCustomer({ first_name: "Jo", email: "jo@example.com", do_not_email: true });
  store.advanceClock(HOUR);
  await ingestAndAnalyze(db, store);
  const customerOf = async (where: { email?: string; phone?: string }) =>
    (
      await db.prisma.customerIdentity.findFirstOrThrow({
        where: where.email
          ? { kind: "EMAIL", normalizedValue: where.email }
          : { kind: "PHONE", normalizedValue: where.phone ?? "" },
        select: { customerId: true },
      })
    ).customerId;
  const ids = {
    dee: await customerOf({ email: "dee@example.com" }),
    eli: await customerOf({ email: "eli@example.com" }),
    fay: await customerOf({ email: "fay@example.com" }),
    gus: await customerOf({ email: "gus@example.com" }),
    hal: await customerOf({ phone: "+16155550177" }),
    ike: await customerOf({ email: "ike@example.com" }),
    jo: await customerOf({ email: "jo@example.com" }),
  };
  const { caller } = await testApi(db, "operator", { lightspeed: () => connectClient(sim) });
  return { db, sim, caller, ids, fay, gus, dee };
}

describe(`reachable by email (${testDatabaseKind})`, () => {
  it("does count, per segment and in a push's preview, customers with an email and no denial", async () => {
    const { sim, caller, ids } = await answeringStore();
    expect(new Set(Object.values(ids)).size).toBe(7);

    const sizes = await caller.analytics.segments({ by: "tier" });
    const everyone = sizes.customerCount + sizes.unsegmented.customerCount;
    expect(everyone).toBe(7);
    expect(sizes.reachableByEmail + sizes.unsegmented.reachableByEmail).toBe(3);
    expect(sizes.segments.reduce((sum, s) => sum + s.reachableByEmail, 0)).toBe(
      sizes.reachableByEmail,
    );
    for (const by of ["rfmSegment", "inactivitySegment"] as const) {
      const other = await caller.analytics.segments({ by });
      expect(other.reachableByEmail + other.unsegmented.reachableByEmail).toBe(3);
    }

    // The preview of each segment says the same as its row on the Overview.
    const gold = groupIdByName(sim.store, "Gold");
    const populated = sizes.segments.filter((s) => s.customerCount > 0);
    expect(populated.length).toBeGreaterThan(0);
    let previewed = 0;
    for (const segment of populated) {
      const preview = await caller.segmentPush.preview({
        by: "tier",
        segment: segment.segment,
        groupId: gold,
      });
      expect(preview.customers).toBe(segment.customerCount);
      expect(preview.reachableByEmail).toBe(segment.reachableByEmail);
      previewed += preview.reachableByEmail;
    }
    expect(previewed).toBe(sizes.reachableByEmail);

    // The counts agree with each customer's consent as their page shows it.
    const statuses: Record<string, string> = {};
    for (const [name, customerId] of Object.entries(ids)) {
      statuses[name] = (await caller.customers.byId({ customerId })).consent.email.status;
    }
    expect(statuses).toEqual({
      dee: "denied",
      eli: "unknown",
      fay: "granted",
      gus: "denied",
      hal: "unknown",
      ike: "granted",
      jo: "denied",
    });
  });

  it("does show each customer's consent with its source and time on customers.byId", async () => {
    const { caller, ids, fay, gus, dee } = await answeringStore();
    const byId = async (customerId: string) =>
      (await caller.customers.byId({ customerId })).consent.email;
    expect(await byId(ids.fay)).toEqual({
      status: "granted",
      source: `ecom:${fay.orderNumber}`,
      observedAt: new Date(fay.placedAtMs),
    });
    expect(await byId(ids.gus)).toMatchObject({
      status: "denied",
      source: `ecom:${gus.orderNumber}`,
    });
    expect(await byId(ids.dee)).toEqual({
      status: "denied",
      source: `xseries:${dee.id}`,
      observedAt: new Date(dee.updated_at),
    });
    expect(await byId(ids.eli)).toEqual({ status: "unknown", source: null, observedAt: null });
    // X-Series's SMS opt-in sits at its default for everyone here: no answer.
    expect((await caller.customers.byId({ customerId: ids.dee })).consent.sms.status).toBe(
      "unknown",
    );
  });
});
