import { describe, expect, it } from "vitest";
import { openDatabase } from "../open-database";
import { deferred, postgresBinDir, startPostgresCluster, useTestCleanup } from "../testing";

const cleanup = useTestCleanup();

describe("a PostgreSQL connection through an outage (a cluster of the test's own)", () => {
  it.runIf(postgresBinDir)(
    "survives the server going away while a session is checked out, and serves again once it is back",
    async () => {
      const cluster = await startPostgresCluster();
      cleanup.defer(() => cluster.remove());
      const idleErrors: Error[] = [];
      const db = await openDatabase({
        databaseUrl: cluster.url,
        onIdleError: (error) => idleErrors.push(error),
      });
      cleanup.defer(() => db.close());
      await db.migrate();

      // A job holds a session (its advisory lock) when the server stops: the session's client
      // emits an error event, which used to kill the process (an unheard `error` event).
      const entered = deferred<void>();
      const held = deferred<void>();
      const job = db.withJobLock(0x67_6c_ff_01, async () => {
        entered.resolve();
        await held.promise;
      });
      await entered.promise;
      await cluster.stop();
      held.resolve();
      await job.catch(() => undefined);

      await cluster.start();
      expect(await db.prisma.$queryRawUnsafe("SELECT 1::int AS one")).toEqual([{ one: 1 }]);
      expect(await db.withJobLock(0x67_6c_ff_01, async () => "again")).toEqual({
        acquired: true,
        result: "again",
      });
    },
  );
});
