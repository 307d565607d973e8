import { describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "../testing";
import { pgPlainArray, pgTextArray } from "./pg-text-array";

const cleanup = useTestCleanup();

describe(`pgTextArray (${testDatabaseKind})`, () => {
  it("does round-trip any text through Postgres, quotes, backslashes, braces and NULL included", async () => {
    const db = await openTestDatabase();
    cleanup.defer(() => db.close());
    const values = [
      "plain",
      "",
      'say "hi"',
      "back\\slash",
      "{braces},commas",
      "NULL",
      " spaced ",
      "line\nbreak;semi",
      "Zoë ünïcode 🚀",
      null,
    ];
    const [row] = await db.prisma.$queryRawUnsafe<Array<{ a: Array<string | null> }>>(
      "SELECT $1::text[] AS a",
      pgTextArray(values),
    );
    expect(row?.a).toEqual(values);
    const [numbers] = await db.prisma.$queryRawUnsafe<Array<{ n: string; i: number[] }>>(
      "SELECT array_to_string($1::numeric[], '|', 'null') AS n, $2::int[] AS i",
      pgPlainArray(["10.5", "-0.25", null, "1000"]),
      pgPlainArray([0, 1, 2]),
    );
    expect(numbers).toEqual({ n: "10.5|-0.25|null|1000", i: [0, 1, 2] });
    expect(pgTextArray([])).toBe("{}");
  });
});
