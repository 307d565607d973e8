import { openDatabase } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import type { RunningSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { startTestSimulator } from "../../ingestion/polling/testing/simulated-lightspeed";
import {
  type ChosenMetrics,
  expectedTargets,
  giveTiers,
  mirrorAndMergeStore,
  storeGroups,
} from "../../tier-sync/testing/tier-sync-fixtures";
import { freshDatabaseEnv, runCliCaptured } from "../testing/cli-test-env";

const cleanup = useTestCleanup();

const tierGroups =
  "Seed=Bronze, Sprout=Silver, Bloom=Gold, Evergreen=Platinum, FirstTimeBuyer=All Customers";
const groupOfTier = { Seed: "Bronze", Sprout: "Silver", Bloom: "Gold", Evergreen: "Platinum" };
const tiers: ChosenMetrics[] = [
  { tier: "Seed" },
  { tier: "Sprout" },
  { tier: "Bloom" },
  { tier: "Evergreen" },
  { tier: "Bloom", isFirstTimeBuyer: true },
  { tier: null },
];

/** A simulated store mirrored and merged into a fresh database, with tiers, and the CLI's env. */
async function seededStore() {
  const sim = await startTestSimulator(cleanup);
  const env: Record<string, string> = {
    ...(await freshDatabaseEnv(cleanup)),
    LIGHTSPEED_BASE_URL: sim.baseUrl,
    LIGHTSPEED_TOKEN: sim.token,
    TIER_GROUPS: tierGroups,
  };
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  try {
    await db.migrate();
    await mirrorAndMergeStore(db, sim.store);
    const seeded = await giveTiers(db, (index) => tiers[index % tiers.length] ?? null);
    return { sim, env, seeded };
  } finally {
    await db.close();
  }
}

function differing(
  sim: RunningSimulator,
  targets: Map<string, string>,
  before: Map<string, string>,
) {
  const names = new Map(sim.store.customerGroups().map((group) => [group.id, group.name]));
  const byGroup: Record<string, number> = {};
  for (const [id, target] of targets) {
    if (before.get(id) === target) continue;
    const name = names.get(target) ?? target;
    byGroup[name] = (byGroup[name] ?? 0) + 1;
  }
  const planned = Object.values(byGroup).reduce((sum, n) => sum + n, 0);
  return { planned, unchanged: targets.size - planned, byGroup };
}

describe(`pnpm cli tiers (${testDatabaseKind})`, () => {
  it("dry-runs by default with the documented JSON, applies with --apply (and --limit), and undoes runs", async () => {
    const { sim, env, seeded } = await seededStore();
    const before = storeGroups(sim.store);
    const targets = expectedTargets(sim.store, seeded, groupOfTier, "All Customers");
    const { planned, unchanged, byGroup } = differing(sim, targets, before);
    const skipped = seeded.filter((c) => c.tier === null && !c.isFirstTimeBuyer).length;
    expect(planned).toBeGreaterThan(5);

    const dry = await runCliCaptured(["tiers", "sync", "--json"], env);
    expect(dry.exitCode).toBe(0);
    const dryJson = JSON.parse(dry.lastLine);
    expect(dryJson).toEqual({
      ok: true,
      command: "tiers",
      dryRun: true,
      runId: null,
      planned,
      applied: 0,
      skipped,
      unchanged,
      errors: [],
      byGroup,
    });
    expect(Object.keys(dryJson)).toEqual([
      "ok",
      "command",
      "dryRun",
      "runId",
      "planned",
      "applied",
      "skipped",
      "unchanged",
      "errors",
      "byGroup",
    ]);
    expect(dry.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(storeGroups(sim.store)).toEqual(before);

    const human = await runCliCaptured(["tiers", "sync"], env);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain(
      `Dry run, nothing changed: ${planned} X-Series customer(s) to move, ${unchanged} already in their group; ` +
        `${skipped} customer(s) skipped (${skipped} without a tier).`,
    );
    expect(human.stdout).toContain("By target group:");
    expect(human.stdout).toContain("Run `pnpm cli tiers sync --apply` to make them.");
    expect(storeGroups(sim.store)).toEqual(before);

    const limited = JSON.parse(
      (await runCliCaptured(["tiers", "sync", "--apply", "--limit", "2", "--json"], env)).lastLine,
    );
    expect(limited).toMatchObject({ ok: true, dryRun: false, planned, applied: 2, errors: [] });
    expect(limited.runId).toMatch(/^[0-9a-f-]{36}$/);

    const rest = JSON.parse(
      (await runCliCaptured(["tiers", "sync", "--apply", "--json"], env)).lastLine,
    );
    expect(rest).toMatchObject({
      ok: true,
      dryRun: false,
      planned: planned - 2,
      applied: planned - 2,
    });
    const after = storeGroups(sim.store);
    for (const [id, group] of before) expect(after.get(id)).toBe(targets.get(id) ?? group);

    const nothing = JSON.parse((await runCliCaptured(["tiers", "sync", "--json"], env)).lastLine);
    expect(nothing).toMatchObject({ planned: 0, byGroup: {} });

    const undoRest = await runCliCaptured(["tiers", "undo", rest.runId, "--json"], env);
    expect(undoRest.exitCode).toBe(0);
    const undoJson = JSON.parse(undoRest.lastLine);
    expect(undoJson).toEqual({
      ok: true,
      command: "tiers",
      runId: rest.runId,
      undone: planned - 2,
      skipped: [],
    });
    const undoLimited = await runCliCaptured(["tiers", "undo", limited.runId], env);
    expect(undoLimited.stdout).toContain(
      `Run ${limited.runId}: put 2 X-Series customer(s) back in their previous group.`,
    );
    expect(storeGroups(sim.store)).toEqual(before);
  });

  it("says TIER_GROUPS is not set, and names a group the store does not have", async () => {
    const { sim, env } = await seededStore();
    const before = storeGroups(sim.store);
    const unset = await runCliCaptured(["tiers", "sync", "--json"], { ...env, TIER_GROUPS: "" });
    expect(unset.exitCode).toBe(1);
    expect(JSON.parse(unset.lastLine)).toMatchObject({
      ok: false,
      error: { code: "CONFIG", message: expect.stringMatching(/^TIER_GROUPS is not set/) },
    });

    const unknown = await runCliCaptured(["tiers", "sync", "--apply"], {
      ...env,
      TIER_GROUPS: "Seed=Bronze,Bloom=Diamond Club",
    });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toMatch(
      /^Error: TIER_GROUPS maps Bloom to "Diamond Club", which is not an X-Series customer group .*"Bronze"/,
    );
    expect(storeGroups(sim.store)).toEqual(before);
  });

  it("rejects a bad run id and unknown actions as usage mistakes", async () => {
    const sim = await startTestSimulator(cleanup);
    const env = {
      ...(await freshDatabaseEnv(cleanup)),
      LIGHTSPEED_BASE_URL: sim.baseUrl,
      LIGHTSPEED_TOKEN: sim.token,
    };
    const badId = await runCliCaptured(["tiers", "undo", "yesterday", "--json"], env);
    expect(badId.exitCode).toBe(2);
    expect(JSON.parse(badId.lastLine).error.code).toBe("BAD_INPUT");
    const missing = await runCliCaptured(
      ["tiers", "undo", "00000000-0000-4000-8000-000000000000", "--json"],
      env,
    );
    expect(JSON.parse(missing.lastLine).error).toEqual({
      code: "NOT_FOUND",
      message: "No tier sync run 00000000-0000-4000-8000-000000000000.",
    });
    const action = await runCliCaptured(["tiers", "push"], env);
    expect(action.exitCode).toBe(2);
    expect(action.stderr).toContain('Expected "sync" or "undo <runId>"');
  });
});
