import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { DAY } from "../../customers/testing/customer-fixtures";
import { emptyStore, importStoreExport, ingestRetail } from "../../merge/testing/merge-harness";
import { openDatabaseForTest } from "../../testing/test-database";
import { testApi, trpcErrorCode } from "../testing/api-test-kit";

const cleanup = useTestCleanup();

/**
 * Maya's X-Series account with her email (two sales), a second account with only a phone (one
 * sale), and an online order carrying both: one customer, of which the second account is a wrong
 * merge. Leo is someone else.
 */
async function mayaWithASecondAccount() {
  const db = await openDatabaseForTest(cleanup);
  const store = emptyStore(21);
  const maya = store.createCustomer({
    first_name: "Maya",
    last_name: "Lind",
    email: "maya.lind@example.com",
  });
  const second = store.createCustomer({
    first_name: "Maya",
    last_name: "Lind",
    mobile: "(615) 555-0177",
  });
  const leo = store.createCustomer({
    first_name: "Leo",
    last_name: "Park",
    email: "leo.park@example.com",
    mobile: "(615) 555-0199",
  });
  const mayaSales = [
    store.createSale({ customer_id: maya.id }),
    store.createSale({ customer_id: maya.id }),
  ];
  const secondSale = store.createSale({ customer_id: second.id });
  store.createSale({ customer_id: leo.id });
  await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
  store.placeEcomOrder({ email: "maya.lind@example.com", phoneDigits: "6155550177" });
  await importStoreExport(db, store);
  const customerOf = async (key: string) =>
    (
      await db.prisma.identityRecord.findUniqueOrThrow({
        where: { key },
        select: { customerId: true },
      })
    ).customerId as string;
  const customerId = await customerOf(`retail_customer:${maya.id}`);
  if ((await customerOf(`retail_customer:${second.id}`)) !== customerId) {
    throw new Error("expected the online order to merge both accounts");
  }
  const leoId = await customerOf(`retail_customer:${leo.id}`);
  const operator = (await testApi(db, "operator")).caller;
  const viewer = (await testApi(db, "viewer")).caller;
  return {
    db,
    store,
    maya,
    second,
    leo,
    mayaSales,
    secondSale,
    customerId,
    leoId,
    operator,
    viewer,
    customerOf,
  };
}

describe(`customers.records (${testDatabaseKind})`, () => {
  it("lists the records as sales, online orders and X-Series customers, grouped by X-Series customer", async () => {
    const { viewer, customerId, maya, second, mayaSales } = await mayaWithASecondAccount();

    const { groups } = await viewer.customers.records({ customerId });

    expect(groups.map((g) => g.retailCustomer?.id ?? null).sort()).toEqual(
      [maya.id, second.id, null].sort(),
    );
    const mayaGroup = groups.find((g) => g.retailCustomer?.id === maya.id);
    expect(mayaGroup?.retailCustomer?.name).toBe("Maya Lind");
    expect(mayaGroup?.records.map((r) => r.kind)).toEqual([
      "retail_customer",
      "in_store_sale",
      "in_store_sale",
    ]);
    const sale = mayaGroup?.records.find((r) => r.key === `order:retail:${mayaSales[0]?.id}`);
    expect(sale?.number).toBe(mayaSales[0]?.invoice_number);
    expect(sale?.total?.toString()).toEqual(expect.stringMatching(/^\d+(\.\d+)?$/));
    const online = groups.find((g) => g.retailCustomer === null);
    expect(online?.records.map((r) => r.kind)).toEqual(["online_order"]);
    expect(online?.records[0]?.number).toEqual(expect.any(String));
  });
});

describe(`customers.splitPreview and customers.split (${testDatabaseKind})`, () => {
  it("previews every record the split moves, with why, and the split moves exactly those", async () => {
    const { db, operator, viewer, customerId, second, secondSale, customerOf } =
      await mayaWithASecondAccount();
    const chosen = `order:retail:${secondSale.id}`;
    const before = await viewer.customers.records({ customerId });
    const customersBefore = await db.prisma.customer.count();

    const preview = await operator.customers.splitPreview({ customerId, records: [chosen] });

    if (preview.refusal) throw new Error(`refused: ${preview.refusal.kind}`);
    expect(preview.moves).toContainEqual({ key: chosen, reason: { kind: "chosen" } });
    // The sale's X-Series customer is forced along, and the preview says why.
    expect(preview.moves).toContainEqual({
      key: `retail_customer:${second.id}`,
      reason: { kind: "same_retail_customer", retailCustomerId: second.id, with: chosen },
    });
    // The preview changed nothing.
    expect(await db.prisma.customer.count()).toBe(customersBefore);
    expect(await viewer.customers.records({ customerId })).toEqual(before);
    expect(await db.prisma.identityPin.count()).toBe(0);

    const moves = preview.moves.map((m) => m.key);
    const split = await operator.customers.split({
      customerId,
      records: [chosen],
      expectedMoves: moves,
      reason: "a different Maya",
    });

    expect(split.moved).toEqual(moves);
    for (const key of moves) expect(await customerOf(key)).toBe(split.newCustomerId);
    const kept = await viewer.customers.records({ customerId });
    expect(kept.groups.flatMap((g) => g.records.map((r) => r.key)).sort()).toEqual(
      before.groups
        .flatMap((g) => g.records.map((r) => r.key))
        .filter((key) => !moves.includes(key))
        .sort(),
    );
  });

  it("refuses a split whose preview is stale, and changes nothing", async () => {
    const { db, store, operator, customerId, second, secondSale, customerOf } =
      await mayaWithASecondAccount();
    const chosen = `order:retail:${secondSale.id}`;
    const preview = await operator.customers.splitPreview({ customerId, records: [chosen] });
    if (preview.refusal) throw new Error(`refused: ${preview.refusal.kind}`);
    // After the preview, the second account buys again: that sale would move too.
    const newSale = store.createSale({ customer_id: second.id });
    await ingestRetail(db, { sales: [newSale] });
    const customersBefore = await db.prisma.customer.count();

    const stale = operator.customers.split({
      customerId,
      records: [chosen],
      expectedMoves: preview.moves.map((m) => m.key),
    });

    expect(await trpcErrorCode(stale)).toBe("CONFLICT");
    await expect(stale).rejects.toThrow(/changed since the preview/);
    expect(await db.prisma.customer.count()).toBe(customersBefore);
    expect(await db.prisma.identityPin.count()).toBe(0);
    expect(await customerOf(chosen)).toBe(customerId);

    const fresh = await operator.customers.splitPreview({ customerId, records: [chosen] });
    if (fresh.refusal) throw new Error(`refused: ${fresh.refusal.kind}`);
    expect(fresh.moves.map((m) => m.key)).toContain(`order:retail:${newSale.id}`);
    const split = await operator.customers.split({
      customerId,
      records: [chosen],
      expectedMoves: fresh.moves.map((m) => m.key),
    });
    expect(split.moved).toEqual(fresh.moves.map((m) => m.key));
  });

  it("answers a refusal as data, not in the CLI's words, and only to operators", async () => {
    const { operator, viewer, customerId, maya, mayaSales, secondSale } =
      await mayaWithASecondAccount();
    const { groups } = await viewer.customers.records({ customerId });
    const everything = groups.flatMap((g) => g.records.map((r) => r.key));

    expect(await operator.customers.splitPreview({ customerId, records: everything })).toEqual({
      refusal: {
        kind: "nothing_or_everything",
        moving: everything.length,
        total: everything.length,
      },
    });
    expect(
      await operator.customers.splitPreview({ customerId, records: ["order:retail:nope"] }),
    ).toMatchObject({ refusal: { kind: "not_records", records: ["order:retail:nope"] } });
    expect(
      await trpcErrorCode(
        viewer.customers.splitPreview({ customerId, records: [`order:retail:${secondSale.id}`] }),
      ),
    ).toBe("FORBIDDEN");
    // Maya's own sale takes her account along; the rest stays.
    const hers = await operator.customers.splitPreview({
      customerId,
      records: [`order:retail:${mayaSales[0]?.id}`],
    });
    if (hers.refusal) throw new Error(`refused: ${hers.refusal.kind}`);
    expect(hers.moves.map((m) => m.key)).toContain(`retail_customer:${maya.id}`);
  });
});

describe(`customers.splitPreview when the re-resolution takes everything (${testDatabaseKind})`, () => {
  it("refuses, instead of moving the whole customer, when the staying records would follow", async () => {
    const db = await openDatabaseForTest(cleanup);
    const store = emptyStore(23);
    const maya = store.createCustomer({
      first_name: "Maya",
      last_name: "Lind",
      email: "maya.lind@example.com",
    });
    const inStore = store.createSale({ customer_id: maya.id });
    store.placeEcomOrder({ email: "maya.lind@example.com", phoneDigits: null, delayMs: 30 * DAY });
    await ingestRetail(db, { customers: store.customers(), sales: store.sales() });
    await importStoreExport(db, store);
    const operator = (await testApi(db, "operator")).caller;
    const record = await db.prisma.identityRecord.findUniqueOrThrow({
      where: { key: `retail_customer:${maya.id}` },
      select: { customerId: true },
    });
    const customerId = record.customerId as string;
    const total = await db.prisma.identityRecord.count({ where: { customerId } });
    expect(total).toBe(3);
    const chosen = `order:retail:${inStore.id}`;

    // The online order waiting for X-Series carries only Maya's email, which her account carries
    // too: once her account moves, the order follows it, and nothing would stay.
    expect(await operator.customers.splitPreview({ customerId, records: [chosen] })).toEqual({
      refusal: { kind: "nothing_or_everything", moving: total, total },
    });
    expect(await trpcErrorCode(operator.customers.split({ customerId, records: [chosen] }))).toBe(
      "BAD_REQUEST",
    );
    expect(await db.prisma.identityRecord.count({ where: { customerId } })).toBe(total);
    expect(await db.prisma.identityPin.count()).toBe(0);
  });
});

describe(`customers.mergePreview and customers.merge (${testDatabaseKind})`, () => {
  it("previews the merged customer and merges by pins, for operators only", async () => {
    const { db, operator, viewer, customerId, leoId, leo, customerOf } =
      await mayaWithASecondAccount();
    const customersBefore = await db.prisma.customer.findMany({
      select: { id: true, mergedIntoId: true },
    });

    expect(
      await trpcErrorCode(viewer.customers.mergePreview({ customerId, otherCustomerId: leoId })),
    ).toBe("FORBIDDEN");
    expect(
      await trpcErrorCode(viewer.customers.merge({ customerId, otherCustomerId: leoId })),
    ).toBe("FORBIDDEN");
    expect(
      await trpcErrorCode(
        operator.customers.mergePreview({ customerId, otherCustomerId: customerId }),
      ),
    ).toBe("BAD_REQUEST");

    const preview = await operator.customers.mergePreview({ customerId, otherCustomerId: leoId });

    expect(preview.joining).toEqual(
      (await viewer.customers.records({ customerId: leoId })).groups
        .flatMap((g) => g.records.map((r) => r.key))
        .sort(),
    );
    expect(preview.staying).toEqual([]);
    expect(preview.pinned).toContainEqual({ kind: "RETAIL_CUSTOMER_ID", value: leo.id });
    expect(preview.after.records).toBe(
      preview.before.customer.records + preview.before.other.records,
    );
    expect(preview.after.orders).toBe(preview.before.customer.orders + preview.before.other.orders);
    expect(preview.after.totalSpend.toString()).toBe(
      preview.before.customer.totalSpend.plus(preview.before.other.totalSpend).toString(),
    );
    expect(preview.otherMergedInto).toBe(customerId);
    // Nothing changed yet.
    expect(await db.prisma.customer.findMany({ select: { id: true, mergedIntoId: true } })).toEqual(
      customersBefore,
    );
    expect(await customerOf(`retail_customer:${leo.id}`)).toBe(leoId);

    const merged = await operator.customers.merge({
      customerId,
      otherCustomerId: leoId,
      reason: "same person, two accounts",
      expectedJoining: preview.joining,
    });

    expect(merged.joining).toEqual(preview.joining);
    for (const key of preview.joining) expect(await customerOf(key)).toBe(customerId);
    expect((await viewer.customers.byId({ customerId: leoId })).customerId).toBe(customerId);
    expect((await viewer.customers.explain({ customerId })).history.map((e) => e.reason)).toContain(
      "merge: same person, two accounts",
    );
    expect(
      await trpcErrorCode(
        operator.customers.merge({
          customerId,
          otherCustomerId: leoId,
          expectedJoining: preview.joining,
        }),
      ),
    ).toBe("CONFLICT"); // Leo was merged away: nothing to merge twice
  });
});
