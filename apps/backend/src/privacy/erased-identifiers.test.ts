import { randomUUID } from "node:crypto";
import { type TestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { hashEcomOrder } from "../imports/ecom-order-hash";
import { ecomOrder } from "../imports/testing/ecom-order-fixtures";
import { openDatabaseForTest } from "../testing/test-database";
import {
  erasableIdentifiersOf,
  findErasedItems,
  hashIdentifierValue,
  scrubErasedEcomOrders,
} from "./erased-identifiers";
import { erasedEcomRecord, scrubEcomOrder } from "./redact-records";

const cleanup = useTestCleanup();

async function erase(
  db: TestDatabase,
  ids: Array<{ kind: string; value: string }>,
  erasureId: string,
) {
  await db.prisma.erasedIdentifier.createMany({
    data: ids.map((id) => ({
      kind: id.kind as "EMAIL",
      valueHash: hashIdentifierValue(id.value),
      erasureId,
    })),
  });
}

describe("erasableIdentifiersOf", () => {
  it("normalizes like the merge: exact and loose email, E.164 phones, the X-Series id", () => {
    expect(
      erasableIdentifiersOf({
        email: " J.Doe+shop@GMail.com ",
        phones: ["(615) 555-0142", null, "not a phone"],
        retailCustomerId: " abc ",
      }),
    ).toEqual([
      { kind: "RETAIL_CUSTOMER_ID", value: "abc" },
      { kind: "EMAIL", value: "j.doe+shop@gmail.com" },
      { kind: "EMAIL_LOOSE", value: "jdoe@gmail.com" },
      { kind: "PHONE", value: "+16155550142" },
    ]);
  });
});

describe(`findErasedItems (${testDatabaseKind})`, () => {
  const items = [
    { email: "someone@example.com", phone: null },
    { email: "j.d.o.e@gmail.com", phone: null },
    { email: "other@example.com", phone: "615-555-0142" },
  ];
  const identifiersOf = (item: (typeof items)[number]) =>
    erasableIdentifiersOf({ email: item.email, phones: [item.phone] });

  it("finds nothing, and hashes nothing, while nobody was erased", async () => {
    const db = await openDatabaseForTest(cleanup);
    expect(
      await findErasedItems(db.prisma, items, () => {
        throw new Error("no identifier should be computed");
      }),
    ).toEqual(new Map());
  });

  it("matches any erased identifier, read whole or, past the limit, looked up", async () => {
    const db = await openDatabaseForTest(cleanup);
    const erasureId = randomUUID();
    await erase(
      db,
      [
        { kind: "EMAIL_LOOSE", value: "jdoe@gmail.com" },
        { kind: "PHONE", value: "+16155550142" },
      ],
      erasureId,
    );
    const expected = new Map([
      [items[1], erasureId],
      [items[2], erasureId],
    ]);
    expect(await findErasedItems(db.prisma, items, identifiersOf)).toEqual(expected);
    // Many erasures later, the batch's hashes are looked up instead of reading them all.
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "ErasedIdentifier" (kind, "valueHash", "erasureId")
       SELECT 'EMAIL', md5(i::text) || md5(i::text), gen_random_uuid()
         FROM generate_series(1, 1200) AS i`,
    );
    expect(await findErasedItems(db.prisma, items, identifiersOf)).toEqual(expected);
  });
});

describe(`scrubErasedEcomOrders (${testDatabaseKind})`, () => {
  it("scrubs orders carrying an erased identifier or stored as erased, and re-hashes them", async () => {
    const db = await openDatabaseForTest(cleanup);
    const erasureId = randomUUID();
    await erase(db, [{ kind: "EMAIL", value: "erased@example.com" }], erasureId);
    const prepared = [
      ecomOrder(1, { email: "erased@example.com" }),
      // A shared email is never recorded as erased: the stored copy's erasure still counts.
      ecomOrder(2, { email: "family@example.com" }),
      ecomOrder(3, { email: "family@example.com" }),
    ].map((order) => ({ order, contentHash: hashEcomOrder(order) }));
    const stored = new Map([
      ["2", { erasureId }],
      ["3", { erasureId: null }],
    ]);
    const [first, second, third] = await scrubErasedEcomOrders(db.prisma, prepared, stored);
    for (const scrubbed of [first, second]) {
      expect(scrubbed?.order).toMatchObject({
        email: null,
        phone: null,
        customerName: null,
        records: [erasedEcomRecord(erasureId)],
      });
    }
    expect(first?.contentHash).toBe(
      hashEcomOrder(scrubEcomOrder(prepared[0]?.order ?? ecomOrder(0), erasureId)),
    );
    expect(third).toBe(prepared[2]);
  });
});
