// The SQL forms of formatDuration and formatStoreTime write the same words as the functions, so an
// alert reads the same whether it was written row by row or set-based.
import { Prisma } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { openDatabaseForTest } from "../../testing/test-database";
import { durationWordsSql, formatDuration, formatStoreTime, storeTimeSql } from "./format-duration";

const cleanup = useTestCleanup();

describe(`durations and store times in SQL (${testDatabaseKind})`, () => {
  it("match formatDuration and formatStoreTime", async () => {
    const db = await openDatabaseForTest(cleanup);
    const seconds = [
      -5, 0, 1, 2, 59, 60, 61, 119, 120, 3_599, 3_600, 3_660, 7_199, 7_200, 86_399, 86_400, 90_000,
      172_800, 176_400, 864_000, 871_200, 31_536_000,
    ];
    const durations = await db.prisma.$queryRaw<Array<{ s: number; words: string }>>`
      SELECT s::int AS s, ${durationWordsSql(Prisma.sql`s`)} AS words
      FROM unnest(${seconds}::int[]) AS s`;
    expect(durations.map((row) => row.words)).toEqual(seconds.map(formatDuration));

    // Past instants: time zone databases of different dates agree on them (PGlite's and Node's
    // disagree on British Columbia from November 2026).
    const instants = [
      "2025-03-03T20:05:00.000Z",
      "2025-03-09T07:59:00.000Z", // a minute before US daylight saving time started
      "2025-07-02T20:05:00.000Z",
      "2025-12-31T23:30:00.000Z",
      "2025-01-01T00:00:00.000Z",
    ];
    for (const timeZone of ["America/Chicago", "America/Vancouver", "Asia/Kolkata", "UTC"]) {
      const times = await db.prisma.$queryRaw<Array<{ words: string }>>`
        SELECT ${storeTimeSql(Prisma.sql`at`, timeZone)} AS words
        FROM unnest(${instants}::timestamptz[]) WITH ORDINALITY AS t(at, i) ORDER BY i`;
      // Intl may put a narrow no-break space before AM/PM; SQL writes a plain one.
      const expected = instants.map((at) =>
        formatStoreTime(new Date(at), timeZone).replace(/\u202f/g, " "),
      );
      expect(times.map((row) => row.words)).toEqual(expected);
    }
  });
});
