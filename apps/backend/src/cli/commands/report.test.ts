// `pnpm cli report delays|missing` through the CLI in-process, on a store synced from the simulator
// over loopback and its eCom export: the JSON contracts, the options and their errors.
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
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe(`pnpm cli report delays / missing (${testDatabaseKind})`, () => {
  it("reports each synced order's delay with percentiles, and the orders still missing", async () => {
    // The reports use the real clock: the simulated store's day 0 is 20 days ago.
    const t0 = Math.floor((Date.now() - 20 * DAY) / MINUTE) * MINUTE;
    const sim = await startSimulator({
      seed: 4,
      start: new Date(t0),
      store: { customers: 0, inStoreSales: 0, ecomOrders: 0 },
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
    });
    cleanup.defer(() => sim.close());
    const { store } = sim;
    const hour = store.placeEcomOrder({ delayMs: HOUR });
    const twoDays = store.placeEcomOrder({ delayMs: 2 * DAY });
    const tenDays = store.placeEcomOrder({ delayMs: 10 * DAY });
    const never = store.placeEcomOrder({ delayMs: 3650 * DAY });
    store.advanceClock(19 * DAY);
    const recent = store.placeEcomOrder({ delayMs: 3650 * DAY }); // placed a day ago
    store.advanceClock(12 * HOUR);

    const env = await syncedStoreEnv(cleanup, sim);

    const delays = await cliJson(["report", "delays"], env);
    expect(delays).toMatchObject({ ok: true, command: "report" });
    expect(delays.orders).toEqual(
      [
        [hour, 3_600],
        [twoDays, 172_800],
        [tenDays, 864_000],
      ].map(([order, delaySeconds]) => {
        const { orderNumber, placedAtMs } = order as typeof hour;
        return {
          ecomOrderNumber: orderNumber,
          placedAt: new Date(placedAtMs).toISOString(),
          reachedAt: new Date(placedAtMs + (delaySeconds as number) * 1000).toISOString(),
          firstSeenAt: expect.any(String),
          delaySeconds,
        };
      }),
    );
    // Nearest rank over [3600, 172800, 864000]: p50 = 2nd, p90 = p99 = 3rd.
    expect(delays).toMatchObject({
      p50: 172_800,
      p90: 864_000,
      p99: 864_000,
      max: 864_000,
      count: 3,
    });
    expect(delays.backlog).toEqual({
      count: 2,
      oldestPlacedAt: new Date(never.placedAtMs).toISOString(),
    });
    expect(delays.weeks.reduce((n: number, w: { count: number }) => n + w.count, 0)).toBe(3);

    const since = new Date(t0 + DAY).toISOString();
    expect(await cliJson(["report", "delays", "--since", since], env)).toMatchObject({
      orders: [],
      p50: null,
      p90: null,
      p99: null,
      max: null,
      backlog: { count: 1 },
    });

    // Default: MISSING_ORDER_ALERT_DAYS (3).
    const missing = await cliJson(["report", "missing"], env);
    expect(missing).toMatchObject({ days: 3, count: 1 });
    expect(missing.missing).toEqual([
      {
        ecomOrderNumber: never.orderNumber,
        placedAt: new Date(never.placedAtMs).toISOString(),
        ageDays: 20,
        ageSeconds: expect.any(Number),
      },
    ]);
    const all = await cliJson(["report", "missing", "--days", "0"], env);
    expect(
      all.missing.map((o: { ecomOrderNumber: string; ageDays: number }) => [
        o.ecomOrderNumber,
        o.ageDays,
      ]),
    ).toEqual([
      [never.orderNumber, 20],
      [recent.orderNumber, 1],
    ]);
    const lenient = { ...env, MISSING_ORDER_ALERT_DAYS: "1" };
    expect((await cliJson(["report", "missing"], lenient)).count).toBe(2);

    const human = await runCliCaptured(["report", "delays"], env);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain(
      "3 eCom order(s) reached X-Series: p50 2 days, p90 10 days, p99 10 days, max 10 days.",
    );
    expect(human.stdout).toContain("2 eCom order(s) not in X-Series yet");
    // report merges still answers on the same database.
    expect(await cliJson(["report", "merges"], env)).toMatchObject({
      merges: [],
      flagged: expect.any(Array),
    });
  });

  it("refuses bad options with a message that says what to do", async () => {
    const env = await freshDatabaseEnv(cleanup);
    const cases: Array<[string[], RegExp]> = [
      [["report", "delays", "--since", "yesterday"], /--since must be a date \(2026-03-01\)/],
      [["report", "delays", "--since", "2026-02-30"], /--since must be a date/],
      [
        ["report", "missing", "--days=-1"],
        /--days must be a whole number of days from 0 to 36,500/,
      ],
      [
        ["report", "missing", "--days", "2.5"],
        /--days must be a whole number of days from 0 to 36,500/,
      ],
      [["report", "delays", "--days", "3"], /report delays does not take --days/],
      [["report", "missing", "extra"], /Unexpected argument "extra"/],
      [["report", "latency"], /Unknown report. Usage: pnpm cli report merges/],
    ];
    await expectBadInput(cases, env);
  });
});
