import { describe, expect, it } from "vitest";
import { openDatabase } from "../open-database";
import { openClusterDatabase, postgresBinDir, useTestCleanup } from "../testing";
import { isDatabaseUnavailable } from "./is-database-unavailable";

const cleanup = useTestCleanup();

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

describe("isDatabaseUnavailable", () => {
  it("does recognise what Prisma and PGlite throw once the embedded database is closed", async () => {
    const db = await openDatabase({ pgliteDir: "memory://" });
    await db.migrate();
    await db.close();
    expect(isDatabaseUnavailable(await failure(() => db.prisma.importRun.count()))).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => db.migrationStatus()))).toBe(true);
  });

  it.runIf(postgresBinDir)(
    "does recognise what Prisma and pg throw while a PostgreSQL server stops and stays down",
    async () => {
      const { db, cluster } = await openClusterDatabase(cleanup);
      await db.prisma.importRun.count();
      await cluster.stop();
      // The pooled session is terminated (57P01), then nothing listens (P1001, ECONNREFUSED).
      for (let attempt = 0; attempt < 3; attempt++) {
        expect(isDatabaseUnavailable(await failure(() => db.prisma.importRun.count()))).toBe(true);
      }
      expect(isDatabaseUnavailable(await failure(() => db.migrationStatus()))).toBe(true);
      expect(
        isDatabaseUnavailable(await failure(() => db.prisma.$queryRawUnsafe("SELECT 1"))),
      ).toBe(true);
    },
    60_000,
  );

  it("does not take a bad query or a constraint violation for an outage", async () => {
    const db = await openDatabase({ pgliteDir: "memory://" });
    cleanup.defer(() => db.close());
    await db.migrate();
    const run = { format: "ecwid", fileName: "a.csv", fileSha256: "", fileBytes: 0n };
    const { id } = await db.prisma.importRun.create({ data: run, select: { id: true } });
    const duplicate = await failure(() => db.prisma.importRun.create({ data: { ...run, id } }));
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(isDatabaseUnavailable(await failure(() => db.prisma.$queryRawUnsafe("SELEC 1")))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
