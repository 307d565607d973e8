import { openTestDatabase, testDatabaseKind } from "@greenloop/db/testing";
import { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { DomainError } from "@greenloop/order-sync/errors";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CustomerListItem, type CustomerSort, listCustomers } from "./list-customers";
import { ingestAndAnalyze } from "./testing/customer-fixtures";

const region = { defaultRegion: "US" as const };

type Db = Awaited<ReturnType<typeof openTestDatabase>>;

let db: Db;
let live: string[];
let erasedId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  const store = new SimulatedStore({
    seed: 41,
    store: { customers: 40, inStoreSales: 120, ecomOrders: 40, months: 4 },
  });
  await ingestAndAnalyze(db, store);
  // An erased person stays out of every list.
  const victim = await db.prisma.customer.findFirstOrThrow({
    where: { mergedIntoId: null },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  erasedId = victim.id;
  await db.prisma.customer.update({ where: { id: erasedId }, data: { erasedAt: new Date() } });
  live = (
    await db.prisma.customer.findMany({
      where: { mergedIntoId: null, erasedAt: null },
      select: { id: true },
    })
  ).map((c) => c.id);
}, 120_000);

// One store for the whole file (it is only read), closed after all tests.
afterAll(() => db?.close());

async function walk(
  input: Omit<Parameters<typeof listCustomers>[1], "limit" | "cursor">,
  limit = 7,
): Promise<CustomerListItem[]> {
  const items: CustomerListItem[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await listCustomers(db, { ...input, limit, cursor }, region);
    expect(result.items.length).toBeLessThanOrEqual(limit);
    items.push(...result.items);
    totals.add(result.total);
    if (!result.nextCursor) {
      // Every page gives the count of the whole walk.
      expect([...totals]).toEqual([items.length]);
      return items;
    }
    cursor = result.nextCursor;
  }
  throw new Error("the walk never ended");
}

const sortValue: Record<CustomerSort, (item: CustomerListItem) => Decimal | null> = {
  spend: (item) => item.lifetimeValue,
  recency: (item) => (item.lastOrderDate ? new Decimal(item.lastOrderDate.getTime()) : null),
  clv: (item) => item.predictedClv365d,
};

describe(`listCustomers (${testDatabaseKind})`, () => {
  it("walks every live customer exactly once, in order, whatever the sort", async () => {
    expect(live.length).toBeGreaterThan(20);
    for (const sort of ["spend", "recency", "clv"] as const) {
      for (const direction of ["desc", "asc"] as const) {
        const items = await walk({ sort, direction });
        const ids = items.map((i) => i.customerId);
        expect(new Set(ids).size, `${sort} ${direction}`).toBe(ids.length);
        expect([...ids].sort(), `${sort} ${direction}`).toEqual([...live].sort());
        expect(ids).not.toContain(erasedId);
        const values = items.map(sortValue[sort]);
        const firstNull = values.indexOf(null);
        // Customers without the figure come last, in both directions.
        if (firstNull >= 0) expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
        const known = values.filter((v): v is Decimal => v !== null);
        for (let i = 1; i < known.length; i++) {
          const [a, b] = [known[i - 1] as Decimal, known[i] as Decimal];
          expect(direction === "desc" ? a.gte(b) : a.lte(b), `${sort} ${direction} at ${i}`).toBe(
            true,
          );
        }
      }
    }
  });

  it("finds customers by name, email (any case, or its start) and phone", async () => {
    const target = await db.prisma.customer.findFirstOrThrow({
      where: {
        id: { in: live },
        displayName: { not: null },
        AND: [
          { identities: { some: { kind: "EMAIL", blocked: false } } },
          { identities: { some: { kind: "PHONE", blocked: false } } },
        ],
      },
      select: {
        id: true,
        displayName: true,
        identities: { select: { kind: true, normalizedValue: true } },
      },
    });
    const email = target.identities.find((i) => i.kind === "EMAIL")?.normalizedValue ?? "";
    const phone = target.identities.find((i) => i.kind === "PHONE")?.normalizedValue ?? "";
    const national = phone.slice(2); // +1NNNNNNNNNN
    const namePart = (target.displayName ?? "").split(" ")[0]?.toUpperCase() ?? "";

    const searches = [
      email.toUpperCase(),
      email.slice(0, email.indexOf("@") + 1),
      `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`,
      namePart,
    ];
    for (const search of searches) {
      const items = await walk({ search }, 25);
      expect(
        items.map((i) => i.customerId),
        search,
      ).toContain(target.id);
    }
    const byName = await walk({ search: namePart }, 25);
    for (const item of byName) {
      // A name is also the start of an email address: either may have matched.
      const matched =
        (item.displayName?.toUpperCase().includes(namePart) ?? false) ||
        (item.email?.startsWith(namePart.toLowerCase()) ?? false);
      expect(matched, item.customerId).toBe(true);
    }
    // LIKE wildcards in the search are matched literally.
    expect(await walk({ search: "%" })).toEqual([]);
  });

  it("filters by tier, inactivity segment, VIP and RFM segment", async () => {
    const metrics = await db.prisma.customerMetrics.findMany({
      where: { customerId: { in: live } },
      select: {
        customerId: true,
        tier: true,
        inactivitySegment: true,
        isVip: true,
        rfmSegment: true,
      },
    });
    const seg = metrics.find((m) => m.rfmSegment !== null)?.rfmSegment ?? "none";
    const cases = [
      { filter: { tier: "Seed" }, expected: metrics.filter((m) => m.tier === "Seed") },
      {
        filter: { inactiveSegment: "90d+" as const },
        expected: metrics.filter((m) => m.inactivitySegment === "90d+"),
      },
      {
        filter: { inactiveSegment: "active" as const },
        expected: metrics.filter((m) => m.inactivitySegment === "active"),
      },
      { filter: { isVip: false }, expected: metrics.filter((m) => !m.isVip) },
      { filter: { rfmSegment: seg }, expected: metrics.filter((m) => m.rfmSegment === seg) },
    ];
    for (const { filter, expected } of cases) {
      const items = await walk({ ...filter, sort: "recency" });
      expect(items.map((i) => i.customerId).sort(), JSON.stringify(filter)).toEqual(
        expected.map((m) => m.customerId).sort(),
      );
    }
    expect(cases[0]?.expected.length).toBeGreaterThan(0);
    const vipSeeds = await walk({ tier: "Seed", isVip: true });
    expect(vipSeeds.every((i) => i.tier === "Seed" && i.isVIP)).toBe(true);
  });

  it("refuses a cursor from another ordering, and a forged one", async () => {
    const page = await listCustomers(db, { sort: "spend", limit: 3 }, region);
    const cursor = page.nextCursor ?? "";
    await expect(
      listCustomers(db, { sort: "recency", limit: 3, cursor }, region),
    ).rejects.toMatchObject({ code: "BAD_INPUT" });
    const forged = Buffer.from(
      JSON.stringify(["customers:spend:desc", "1; DROP TABLE x", live[0]]),
    ).toString("base64url");
    for (const bad of [forged, "not-a-cursor", Buffer.from("[1,2,3]").toString("base64url")]) {
      const error = await listCustomers(db, { limit: 3, cursor: bad }, region).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("BAD_INPUT");
    }
  });
});
