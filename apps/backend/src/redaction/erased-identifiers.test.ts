import { randomUUID } from "node:crypto";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../testing/test-database";
import { erasableIdentifiersOf, findErasedItems } from "./erased-identifiers";
import { recordErasedIdentifiers } from "./testing/record-erased-identifiers";

const cleanup = useTestCleanup();

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
    await recordErasedIdentifiers(
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
