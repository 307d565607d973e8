// `pnpm cli analytics holdout` in-process, on a store synced from the simulator over loopback and
// its eCom export: the --json contract, the stored run, and the errors for bad options and data.
import { openDatabase } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import {
  cliJson,
  expectBadInput,
  freshDatabaseEnv,
  runCliCaptured,
  syncedStoreEnv,
} from "../testing/cli-test-env";

const cleanup = useTestCleanup();
const DAY = 86_400_000;

describe(`pnpm cli analytics holdout (${testDatabaseKind})`, () => {
  it("prints the contract's keys and stores the run", async () => {
    // The history lies before the simulator's start: yesterday, so the holdout ends near now. At
    // noon UTC: the holdout's window ends at a UTC day's start, so a start that followed the wall
    // clock would split the same history differently by the hour the test runs (and the fit of
    // some splits lies on the boundary, a and b near 0, where it does not converge).
    const sim = await startSimulator({
      seed: 12,
      start: new Date(Math.floor(Date.now() / DAY) * DAY - DAY / 2),
      store: { customers: 70, inStoreSales: 360, ecomOrders: 90, months: 8 },
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
    });
    cleanup.defer(() => sim.close());
    const env = await syncedStoreEnv(cleanup, sim);

    const result = await cliJson(["analytics", "holdout", "--weeks", "6"], env);
    expect(result).toMatchObject({
      ok: true,
      command: "analytics",
      holdoutWeeks: 6,
      customers: expect.any(Number),
      mae: expect.any(Number),
      rmse: expect.any(Number),
      predictedTotal: expect.any(Number),
      actualTotal: expect.any(Number),
      params: expect.objectContaining({ converged: true }),
    });
    expect(result.correlation === null || typeof result.correlation === "number").toBe(true);
    const deciles = result.deciles as Array<{ customers: number; actualSum: number }>;
    expect(deciles).toHaveLength(10);
    expect(deciles.reduce((sum, d) => sum + d.customers, 0)).toBe(result.customers);
    expect(deciles.reduce((sum, d) => sum + d.actualSum, 0)).toBe(result.actualTotal);
    const calibrationEnd = Date.parse(String(result.calibrationEnd));
    expect(Date.parse(String(result.observationEnd)) - calibrationEnd).toBe(42 * DAY);

    // Default 13 weeks; the human output names the window and the figures.
    const human = await runCliCaptured(["analytics", "holdout"], env);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/\(13 weeks\)/);
    expect(human.stdout).toMatch(/MAE \d+\.\d\d, RMSE \d+\.\d\d, correlation/);
    expect(human.stdout).toMatch(/Decile +Customers/);

    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
    cleanup.defer(() => db.close());
    const runs = await db.prisma.holdoutRun.findMany({ orderBy: { ranAt: "asc" } });
    expect(runs.map((run) => [run.holdoutWeeks, run.trigger])).toEqual([
      [6, "cli"],
      [13, "cli"],
    ]);
    expect(runs[0]?.id).toBe(result.runId);
  });

  it("rejects bad options, and says in words when there is no data", async () => {
    const env = await freshDatabaseEnv(cleanup);
    await expectBadInput(
      [
        [
          ["analytics", "holdout", "--weeks", "0"],
          /--weeks must be a whole number of weeks from 1 to 260/,
        ],
        [["analytics", "holdout", "--weeks", "two"], /--weeks must be a whole number/],
        [["analytics", "holdout", "--weeks", "261"], /from 1 to 260 \(got "261"\)/],
        [["analytics", "holdout", "--full"], /--full is for analytics, not analytics holdout/],
        [["analytics", "--weeks", "4"], /--weeks is for analytics holdout/],
        [["analytics", "holdin"], /Unknown analytics action "holdin"/],
        [
          ["analytics", "holdout"],
          /Too little data for a holdout test: the store has no customer orders yet/,
        ],
      ],
      env,
    );
  });
});
