import path from "node:path";
import { openDatabase } from "@greenloop/db";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../../env";
import { createLogger } from "../../logger";
import type { CommandResult } from "../command";
import { webhooksCommand } from "./webhooks";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });

/** A migrated database of the kind under test with three deliveries, and how the CLI reaches it. */
async function seededDatabase() {
  const pgliteDir = path.join(cleanup.tempDir(), "pglite");
  const db = await openTestDatabase({ pgliteDir });
  const row = (n: number, status: "DEAD" | "DONE") => ({
    dedupeKey: `key-${n}`,
    type: "sale.update",
    objectId: `sale-${n}`,
    rawBody: `payload=${n}`,
    status,
    attempts: status === "DEAD" ? 20 : 1,
    lastError: status === "DEAD" ? "UNAVAILABLE: Lightspeed answered 500" : null,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
  });
  await db.prisma.webhookDelivery.createMany({
    data: [row(1, "DEAD"), row(2, "DEAD"), row(3, "DONE")],
  });
  const ids = Object.fromEntries(
    (await db.prisma.webhookDelivery.findMany({ select: { id: true, objectId: true } })).map(
      (r) => [r.objectId, r.id],
    ),
  );
  const env = loadEnv(
    db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : { PGLITE_DIR: pgliteDir },
  );
  // PGlite allows one process per directory: hand it over to the command.
  if (!db.databaseUrl) await db.close();
  else cleanup.defer(() => db.close());
  const reopen = async () => {
    const again = db.databaseUrl
      ? await openDatabase({ databaseUrl: db.databaseUrl })
      : await openDatabase({ pgliteDir });
    cleanup.defer(() => again.close());
    return again;
  };
  return { env, ids, reopen };
}

function run(
  env: ReturnType<typeof loadEnv>,
  positionals: string[],
  values: Record<string, unknown> = {},
): Promise<CommandResult> {
  return webhooksCommand.run({
    env,
    logger: silent,
    positionals,
    values: values as Record<string, string | boolean | undefined>,
    json: true,
    say: () => undefined,
    announce: () => undefined,
    shutdown: new AbortController().signal,
  });
}

describe(`pnpm cli webhooks (${testDatabaseKind})`, () => {
  it("lists dead deliveries without their bodies, replays one by id, then the rest", async () => {
    const { env, ids, reopen } = await seededDatabase();

    const listed = await run(env, ["list"], { status: "dead" });
    const deliveries = listed.json.deliveries as Array<Record<string, unknown>>;
    expect(deliveries.map((d) => [d.objectId, d.status])).toEqual([
      ["sale-2", "DEAD"],
      ["sale-1", "DEAD"],
    ]);
    expect(deliveries[0]).not.toHaveProperty("rawBody");
    expect(listed.json.stats).toMatchObject({ dead: 2, done: 1, pending: 0 });

    const one = await run(env, ["replay"], { id: [ids["sale-1"], ids["sale-3"]] });
    expect(one.json).toEqual({
      action: "replay",
      changed: true,
      replayed: [ids["sale-1"]],
      skipped: [{ id: ids["sale-3"], status: "DONE" }],
    });
    const rest = await run(env, ["replay"]);
    expect(rest.json).toMatchObject({ replayed: [ids["sale-2"]], skipped: [] });
    expect((await run(env, ["replay"])).json).toMatchObject({ changed: false, replayed: [] });

    const db = await reopen();
    const rows = await db.prisma.webhookDelivery.findMany({
      select: { objectId: true, status: true, attempts: true },
      orderBy: { objectId: "asc" },
    });
    expect(rows).toEqual([
      { objectId: "sale-1", status: "PENDING", attempts: 0 },
      { objectId: "sale-2", status: "PENDING", attempts: 0 },
      { objectId: "sale-3", status: "DONE", attempts: 1 },
    ]);
  });

  it("refuses a usage mistake before opening the database", async () => {
    const env = loadEnv({ PGLITE_DIR: path.join(cleanup.tempDir(), "never-created") });
    for (const [positionals, values] of [
      [[], {}],
      [["purge"], {}],
      [["list"], { status: "LOST" }],
      [["replay"], { id: ["not-a-uuid"] }],
    ] as const) {
      const failure = await run(env, [...positionals], values).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DomainError);
      expect((failure as DomainError).code).toBe("BAD_INPUT");
    }
  });
});
