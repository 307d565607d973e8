import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../open-database";
import { deferred, openTestDatabase, testDatabaseKind } from "../testing";
import type { CopyValue } from "./copy-text";

let db: Database;

beforeEach(async () => {
  db = await openTestDatabase();
  await db.prisma.$executeRawUnsafe(
    `CREATE TABLE "BulkProbe" (id int PRIMARY KEY, label text, amount numeric(19, 5), doc json)`,
  );
});

afterEach(async () => {
  await db.close();
});

const stored = () =>
  db.prisma.$queryRawUnsafe<Array<{ id: number; label: string | null; amount: string | null }>>(
    `SELECT id, label, amount::text AS amount FROM "BulkProbe" ORDER BY id`,
  );

/** The error of a bulk transaction that copies these rows into BulkProbe (it must fail). */
async function copyFailure(columns: string[], rows: CopyValue[][]): Promise<unknown> {
  return db
    .bulkTransaction((session) => session.copyFrom("BulkProbe", columns, rows))
    .then(
      () => {
        throw new Error("expected the copy to fail");
      },
      (error: unknown) => error,
    );
}

describe(`Database.bulkTransaction (${testDatabaseKind})`, () => {
  it("copies rows whose text needs escaping exactly, and queries in the same transaction", async () => {
    const labels = [
      "tab\there",
      "line\nbreak\r\n",
      "back\\slash \\N",
      'quote " ; ,',
      "",
      "émoji 🌿",
    ];
    const count = await db.bulkTransaction(async (session) => {
      const copied = await session.copyFrom(
        "BulkProbe",
        ["id", "label", "amount"],
        labels.map((label, i) => [i + 1, label, i === 0 ? null : "12.34567"]),
      );
      // The copy is visible inside the transaction.
      const [row] = await session.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "BulkProbe" WHERE id <= $1`,
        [labels.length],
      );
      expect(row?.n).toBe(labels.length);
      return copied;
    });
    expect(count).toBe(labels.length);
    expect(await stored()).toEqual(
      labels.map((label, i) => ({ id: i + 1, label, amount: i === 0 ? null : "12.34567" })),
    );
  });

  it("copies many rows sent in pieces", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [i, `row ${i}`, `${i}.5`]);
    await db.bulkTransaction((session) =>
      session.copyFrom("BulkProbe", ["id", "label", "amount"], rows),
    );
    const [summary] = await db.prisma.$queryRawUnsafe<Array<{ n: number; total: string }>>(
      `SELECT count(*)::int AS n, sum(amount)::text AS total FROM "BulkProbe"`,
    );
    expect(summary).toEqual({ n: 5_000, total: "12500000.00000" });
  });

  it("rolls everything back when the work throws after copying", async () => {
    await expect(
      db.bulkTransaction(async (session) => {
        await session.copyFrom("BulkProbe", ["id", "label"], [[1, "kept?"]]);
        await session.query(`INSERT INTO "BulkProbe" (id) VALUES ($1)`, [2]);
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await stored()).toEqual([]);
  });

  it("fails a copy that breaks a constraint with the server's error code, storing none of it", async () => {
    await db.prisma.$executeRawUnsafe(`INSERT INTO "BulkProbe" (id, label) VALUES (2, 'before')`);
    const error = await copyFailure(
      ["id", "label"],
      [
        [1, "new"],
        [2, "clash"],
        [3, "new"],
      ],
    );
    expect((error as { code?: string }).code).toBe("23505");
    expect(await stored()).toEqual([{ id: 2, label: "before", amount: null }]);
    // The connection is usable again afterwards.
    await db.bulkTransaction((session) => session.copyFrom("BulkProbe", ["id"], [[9]]));
    expect((await stored()).map((row) => row.id)).toEqual([2, 9]);
  });

  it("fails on a value the column cannot take, storing none of it", async () => {
    const error = await copyFailure(
      ["id", "amount"],
      [
        [1, "1.5"],
        [2, "not money"],
      ],
    );
    expect(String(error)).toMatch(/numeric/);
    expect(await stored()).toEqual([]);
  });

  it("is not seen by Prisma until it commits, and Prisma's work goes on beside it", async () => {
    const held = deferred();
    const copied = deferred();
    const transaction = db.bulkTransaction(async (session) => {
      await session.copyFrom("BulkProbe", ["id"], [[1]]);
      copied.resolve();
      await held.promise;
    });
    await copied.promise;
    if (testDatabaseKind === "postgres") {
      // PostgreSQL: another session reads around the open transaction.
      expect(await stored()).toEqual([]);
      held.resolve();
    } else {
      // PGlite has one session: Prisma's query waits for the transaction to end.
      const reading = stored();
      held.resolve();
      expect(await reading).toEqual([{ id: 1, label: null, amount: null }]);
    }
    await transaction;
    expect(await stored()).toEqual([{ id: 1, label: null, amount: null }]);
  });
});
