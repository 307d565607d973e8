// Regression: after the store's clock moved 10 days, the sync page's freshness said "stale · last
// poll 10 days ago" and POLL_STALE alerts opened while polls were succeeding, and /health said not
// stale: polls were stamped by the wall clock, /health read the wall clock, freshness and alerts
// the store's. Now one clock (`startBackend`'s `now`) stamps the polls and judges all three.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { createTRPCClient, httpLink } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { eventually } from "../cli/testing/eventually";
import { startTestSimulator } from "../ingestion/polling/testing/simulated-lightspeed";
import { createLogger } from "../logger";
import { openDatabaseForTest } from "../testing/test-database";
import { apiTransformer } from "../trpc/api-transformer";
import type { AppRouter } from "../trpc/root";
import { testApiEnv, testTokens } from "../trpc/testing/api-test-kit";
import { startBackend } from "./start-backend";

const cleanup = useTestCleanup();
const DAY = 86_400_000;

async function backendOnTheStoreClock() {
  const db = await openDatabaseForTest(cleanup);
  const sim = await startTestSimulator(cleanup);
  const env = testApiEnv({
    PORT: "0",
    LIGHTSPEED_BASE_URL: sim.baseUrl,
    LIGHTSPEED_TOKEN: sim.token,
    LIGHTSPEED_DOMAIN_PREFIX: sim.store.domainPrefix,
    SYNC_INTERVAL: "1m",
  });
  const now = () => sim.store.now();
  const backend = await startBackend({
    env,
    db,
    logger: createLogger({ level: "silent" }),
    startedAt: now(),
    now,
  });
  cleanup.defer(() => backend.stop());
  const jobs = backend.jobs;
  if (!jobs) throw new Error("ingestion is on: the backend schedules jobs");
  const api = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${backend.url}/api/trpc`,
        transformer: apiTransformer,
        headers: { authorization: `Bearer ${testTokens.operator}` },
      }),
    ],
  });
  /** Runs a job to completion (the start-up poll may still be running: then again). */
  const run = (job: string) =>
    eventually(async () => {
      expect((await jobs.runNow(job)).status).toBe("completed");
    });
  /** What each of the three says about polling staleness. */
  const verdicts = async () => {
    const health = (await (await fetch(`${backend.url}/health`)).json()) as {
      ingestion: { pollingStale: boolean };
    };
    const status = await api.sync.status.query();
    const openPollStale = (await api.sync.alerts.query({ status: "OPEN" })).alerts.filter(
      (alert) => alert.kind === "POLL_STALE",
    );
    return {
      health: health.ingestion.pollingStale,
      freshness: status.polling.stale,
      alerts: openPollStale.length > 0,
    };
  };
  return { sim, run, verdicts };
}

describe(`one clock for freshness, alerts and /health (${testDatabaseKind})`, () => {
  it("agrees on staleness after the store's clock moves 10 days, and none is stale once a poll succeeds", async () => {
    const { sim, run, verdicts } = await backendOnTheStoreClock();
    await run("poll");
    await run("monitoring");
    expect(await verdicts()).toEqual({ health: false, freshness: false, alerts: false });

    sim.store.advanceClock(10 * DAY);
    await run("monitoring");
    // No poll for 10 days of the store's time: all three say so.
    expect(await verdicts()).toEqual({ health: true, freshness: true, alerts: true });

    await run("poll");
    await run("monitoring");
    expect(await verdicts()).toEqual({ health: false, freshness: false, alerts: false });
  });
});
