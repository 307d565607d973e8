// privacy.* through createCaller with the real router, context and access middleware.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../logger";
import { createCapturedMail } from "../../mail/testing/captured-mail";
import { ingestRetail } from "../../merge/testing/merge-harness";
import { grepDatabase } from "../../privacy/testing/grep-database";
import { createBackgroundTasks } from "../../scheduler/background-tasks";
import { openDatabaseForTest } from "../../testing/test-database";
import { createCaller } from "../root";
import { authorizationFor, testApi, testApiEnv, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();

async function setup() {
  const db = await openDatabaseForTest(cleanup);
  const store = new SimulatedStore({
    seed: 4,
    store: { customers: 5, inStoreSales: 10, ecomOrders: 0, months: 1 },
  });
  const people = ["Orsolya Brightwater", "Teodoro Vasquillo"].map((name, index) => {
    const [first, last] = name.split(" ");
    const customer = store.createCustomer({
      first_name: first,
      last_name: last,
      email: `${(first ?? "").toLowerCase()}@example.net`,
      mobile: `615-555-02${index}0`,
    });
    store.createSale({ customer_id: customer.id });
    return customer;
  });
  await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
  const customerIdOf = async (retailCustomerId: string) =>
    (
      await db.prisma.identityRecord.findUniqueOrThrow({
        where: { key: `retail_customer:${retailCustomerId}` },
        select: { customerId: true },
      })
    ).customerId as string;
  return { db, people, customerIdOf };
}

describe(`privacy router (${testDatabaseKind})`, () => {
  it("erases a customer for an operator, once, and lists the erasures newest first", async () => {
    const { db, people, customerIdOf } = await setup();
    const [orsolya, teodoro] = people;
    const first = await customerIdOf(orsolya?.id ?? "");
    const second = await customerIdOf(teodoro?.id ?? "");
    let clock = new Date("2026-11-24T10:00:00Z");
    const { caller } = await testApi(db, "operator", { now: () => clock });

    const erased = await caller.privacy.eraseCustomer({
      customerId: first,
      reason: "account deletion request #12",
    });
    expect(erased).toMatchObject({
      customerId: first,
      erasedAt: clock,
      alreadyErased: false,
      removed: expect.objectContaining({ RetailCustomer: 1, RetailSale: 1 }),
    });
    expect(await grepDatabase(db, ["Orsolya", "Brightwater", "555-0200"])).toEqual([]);
    // Teodoro is untouched.
    expect((await grepDatabase(db, ["Vasquillo"])).length).toBeGreaterThan(0);

    const again = await caller.privacy.eraseCustomer({ customerId: first });
    expect(again).toEqual({ ...erased, alreadyErased: true });

    clock = new Date("2026-11-24T11:00:00Z");
    const later = await caller.privacy.eraseCustomer({ customerId: second });
    const page = await caller.privacy.erasures({ limit: 1 });
    expect(page.erasures).toEqual([
      {
        id: later.erasureId,
        customerId: second,
        requestedBy: "test-operator",
        reason: null,
        removed: later.removed,
        erasedAt: later.erasedAt,
      },
    ]);
    expect(page.nextCursor).toBe(later.erasureId);
    const next = await caller.privacy.erasures({ limit: 1, cursor: page.nextCursor ?? "" });
    expect(next).toEqual({
      erasures: [
        expect.objectContaining({ id: erased.erasureId, reason: "account deletion request #12" }),
      ],
      nextCursor: null,
    });
    expect((await caller.privacy.erasures()).erasures).toHaveLength(2);
  });

  it("refuses viewers and customers, unknown ids and bad input", async () => {
    const { db, people, customerIdOf } = await setup();
    const customerId = await customerIdOf(people[0]?.id ?? "");
    const viewer = await testApi(db, "viewer");
    expect(await trpcErrorCode(viewer.caller.privacy.eraseCustomer({ customerId }))).toBe(
      "FORBIDDEN",
    );
    expect(await trpcErrorCode(viewer.caller.privacy.erasures({}))).toBe("FORBIDDEN");
    const customer = await testApi(db, { customerEmail: "orsolya@example.net" });
    expect(await trpcErrorCode(customer.caller.privacy.eraseCustomer({ customerId }))).toBe(
      "FORBIDDEN",
    );
    expect(await db.prisma.erasure.count()).toBe(0);

    const { caller } = await testApi(db, "operator");
    expect(
      await trpcErrorCode(
        caller.privacy.eraseCustomer({ customerId: "00000000-0000-4000-8000-000000000000" }),
      ),
    ).toBe("NOT_FOUND");
    for (const input of [{ customerId: "not-a-uuid" }, { customerId, reason: "x".repeat(501) }]) {
      expect(await trpcErrorCode(caller.privacy.eraseCustomer(input))).toBe("BAD_REQUEST");
    }
    expect(await trpcErrorCode(caller.privacy.erasures({ limit: 101 }))).toBe("BAD_REQUEST");
    expect(await db.prisma.erasure.count()).toBe(0);
  });

  it("works through a plain createCaller context, no HTTP involved", async () => {
    const { db, people, customerIdOf } = await setup();
    const customerId = await customerIdOf(people[1]?.id ?? "");
    const now = new Date("2026-11-24T12:00:00Z");
    const logger = createLogger({ level: "silent" });
    const caller = createCaller({
      db,
      logger,
      config: testApiEnv(),
      mail: createCapturedMail(),
      startedAt: now,
      authorization: await authorizationFor(db, "operator"),
      now: () => now,
      tasks: createBackgroundTasks(logger),
    });
    const result = await caller.privacy.eraseCustomer({ customerId });
    expect(result).toMatchObject({ customerId, erasedAt: now, alreadyErased: false });
    const erasure = await db.prisma.erasure.findUniqueOrThrow({ where: { id: result.erasureId } });
    expect(erasure).toMatchObject({ customerId, requestedBy: "test-operator", reason: null });
    expect(await grepDatabase(db, ["Teodoro", "Vasquillo", "555-0210"])).toEqual([]);
  });
});
