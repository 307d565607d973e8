import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DomainError } from "@greenloop/order-sync/errors";
import { describe, expect, it } from "vitest";
import { Prisma } from "./generated/prisma/client";
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from "./migrations/migration-files";
import { type Database, openDatabase } from "./open-database";
import {
  createScratchDatabase,
  openTestDatabase,
  testDatabaseKind,
  testServerUrl,
  useTestCleanup,
} from "./testing";

const cleanup = useTestCleanup();

const tempDir = () => cleanup.tempDir();

async function testDb(options?: Parameters<typeof openTestDatabase>[0]): Promise<Database> {
  const db = await openTestDatabase(options);
  cleanup.defer(() => db.close());
  return db;
}

/** A database that can be closed and opened again: a PGlite directory or a scratch Postgres db. */
async function reopenableTarget(migrationsDir?: string): Promise<() => Promise<Database>> {
  if (testServerUrl) {
    const scratch = await createScratchDatabase(testServerUrl);
    cleanup.defer(scratch.drop);
    return () => openDatabase({ databaseUrl: scratch.url, migrationsDir });
  }
  const dir = path.join(tempDir(), "pglite");
  return () => openDatabase({ pgliteDir: dir, migrationsDir });
}

/** The real migrations plus extra ones, in a temp folder. */
function migrationsWith(extra: Record<string, string>): string {
  const dir = path.join(tempDir(), "migrations");
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

function migrationRows(db: Database): Promise<MigrationRow[]> {
  return db.prisma.$queryRaw<
    MigrationRow[]
  >`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`;
}

describe(`openDatabase (${testDatabaseKind})`, () => {
  it("applies every migration to a new database and records it as Prisma does", async () => {
    const db = await testDb({ migrate: false });
    const files = readMigrationFiles();
    const result = await db.migrate();

    expect(result.applied).toEqual(files.map((f) => f.name));
    const rows = await migrationRows(db);
    expect(rows).toHaveLength(files.length);
    for (const [index, row] of rows.entries()) {
      const file = files[index];
      const bytes = readFileSync(
        path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"),
      );
      expect(row.migration_name).toBe(file?.name);
      expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
    expect(await db.migrationStatus()).toEqual({
      applied: files.map((f) => f.name),
      pending: [],
      failed: [],
      modified: [],
      unknown: [],
    });
  });

  it("changes nothing when migrating an up-to-date database", async () => {
    const db = await testDb();
    const before = await migrationRows(db);
    const result = await db.migrate();
    expect(result.applied).toEqual([]);
    expect(result.status.pending).toEqual([]);
    expect(await migrationRows(db)).toEqual(before);
  });

  it("reports pending migrations without applying them", async () => {
    const db = await testDb({ migrate: false });
    const status = await db.migrationStatus();
    expect(status.applied).toEqual([]);
    expect(status.pending).toEqual(readMigrationFiles().map((f) => f.name));
    const [{ exists } = { exists: true }] = await db.prisma.$queryRaw<Array<{ exists: boolean }>>`
      SELECT to_regclass('"Customer"') IS NOT NULL AS exists`;
    expect(exists).toBe(false);
  });

  it("reuses its last migration status within maxAgeMs, and the one migrate leaves at once (health re-read the migration files on every call)", async () => {
    const migrationsDir = migrationsWith({});
    const db = await (await reopenableTarget(migrationsDir))();
    cleanup.defer(() => db.close());
    await db.migrate();
    const cached = { maxAgeMs: 60_000 };
    expect((await db.migrationStatus(cached)).pending).toEqual([]);
    const extra = "99991231000000_later";
    mkdirSync(path.join(migrationsDir, extra));
    writeFileSync(path.join(migrationsDir, extra, "migration.sql"), "SELECT 1;");
    expect((await db.migrationStatus(cached)).pending).toEqual([]);
    expect((await db.migrationStatus()).pending).toEqual([extra]);
    expect((await db.migrationStatus(cached)).pending).toEqual([extra]);
    expect((await db.migrate()).applied).toEqual([extra]);
    const after = await db.migrationStatus(cached);
    expect(after.pending).toEqual([]);
    expect(after.applied.at(-1)).toBe(extra);
  });

  it("stores money as exact decimals and times as UTC instants", async () => {
    const db = await testDb();
    const placedAt = new Date("2026-03-08T07:59:59.123Z"); // the night US clocks change
    for (const total of ["0.10", "0.20", "1234567.89012"]) {
      await db.prisma.order.create({
        data: {
          key: `retail:${total}`,
          source: "retail",
          channel: "RETAIL",
          status: "COMPLETED",
          placedAt,
          total,
        },
      });
    }
    const sum = await db.prisma.order.aggregate({ _sum: { total: true } });
    expect(sum._sum.total?.toString()).toBe("1234568.19012");
    expect(sum._sum.total).toBeInstanceOf(Prisma.Decimal);
    const order = await db.prisma.order.findFirstOrThrow({
      where: { total: "0.1" },
      select: { placedAt: true },
    });
    expect(order.placedAt.toISOString()).toBe("2026-03-08T07:59:59.123Z");
  });

  it("keeps the data when closed and opened again", async () => {
    const open = await reopenableTarget();
    const first = await open();
    await first.migrate();
    await first.prisma.syncCursor.create({
      data: { resource: "sales", afterVersion: 9_007_199_254_740_993n },
    });
    await first.close();

    const second = await open();
    cleanup.defer(() => second.close());
    expect((await second.migrate()).applied).toEqual([]);
    const cursor = await second.prisma.syncCursor.findUniqueOrThrow({
      where: { resource: "sales" },
    });
    expect(cursor.afterVersion).toBe(9_007_199_254_740_993n);
  });

  it("rolls back a failing migration so nothing of it is applied or recorded", async () => {
    const dir = migrationsWith({
      "29990101000000_broken": 'CREATE TABLE "HalfDone" (id int);\nSELECT no_such_function();\n',
    });
    const open = await reopenableTarget(dir);
    const db = await open();
    cleanup.defer(() => db.close());

    const failure = await db.migrate().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).message).toMatch(
      /Migration 29990101000000_broken failed and was rolled back.*no_such_function/,
    );

    const status = await db.migrationStatus();
    expect(status.pending).toEqual(["29990101000000_broken"]);
    expect(status.applied).toEqual(readMigrationFiles().map((f) => f.name));
    const [{ exists } = { exists: true }] = await db.prisma.$queryRaw<Array<{ exists: boolean }>>`
      SELECT to_regclass('"HalfDone"') IS NOT NULL AS exists`;
    expect(exists).toBe(false);
  });

  it("refuses to migrate past a migration that Prisma recorded as failed", async () => {
    const db = await testDb();
    await db.prisma.$executeRaw`
      INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
      VALUES ('00000000-0000-4000-8000-000000000000', 'x', '20990101000000_crashed', 'boom', now(), 0)`;
    const failure = await db.migrate().catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "CONFIG" });
    expect((failure as Error).message).toContain("20990101000000_crashed is recorded as failed");
    expect((await db.migrationStatus()).failed).toEqual(["20990101000000_crashed"]);
  });

  it("reports applied migrations that were edited or are unknown to this code", async () => {
    const db = await testDb();
    const [first] = readMigrationFiles();
    await db.prisma
      .$executeRaw`UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = ${first?.name}`;
    await db.prisma.$executeRaw`
      INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, started_at, applied_steps_count)
      VALUES ('00000000-0000-4000-8000-000000000001', 'y', '20990101000000_from_newer_code', now(), now(), 1)`;
    const status = await db.migrationStatus();
    expect(status.modified).toEqual([first?.name]);
    expect(status.unknown).toEqual(["20990101000000_from_newer_code"]);
    expect(status.pending).toEqual([]);
  });

  it("stores instants in UTC even when the server's own time zone is not UTC", async () => {
    // Regression: Prisma's adapters send Dates without a zone, so a non-UTC session shifted them.
    let db: Database;
    if (testServerUrl) {
      const scratch = await createScratchDatabase(testServerUrl);
      cleanup.defer(scratch.drop);
      const { default: pg } = await import("pg");
      const admin = new pg.Client({ connectionString: testServerUrl });
      await admin.connect();
      await admin.query(
        `ALTER DATABASE "${new URL(scratch.url).pathname.slice(1)}" SET TimeZone = 'Pacific/Chatham'`,
      );
      await admin.end();
      db = await openDatabase({ databaseUrl: scratch.url });
      cleanup.defer(() => db.close());
      await db.migrate();
    } else {
      db = await testDb();
    }
    const placedAt = new Date("2026-01-02T00:00:00.000Z");
    await db.prisma.order.create({
      data: {
        key: "tz",
        source: "retail",
        channel: "RETAIL",
        status: "COMPLETED",
        placedAt,
        total: "1",
      },
    });
    const [row] = await db.prisma.$queryRaw<Array<{ utc: string; zone: string }>>`
      SELECT to_char("placedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS utc,
             current_setting('TimeZone') AS zone
        FROM "Order" WHERE key = 'tz'`;
    expect(row).toEqual({ utc: "2026-01-02T00:00:00", zone: "UTC" });
  });

  it.runIf(testServerUrl)(
    "applies each migration once when several replicas start together",
    async () => {
      const open = await reopenableTarget();
      const replicas = await Promise.all([open(), open(), open()]);
      cleanup.defer(() => Promise.all(replicas.map((db) => db.close())).then(() => {}));
      const results = await Promise.all(replicas.map((db) => db.migrate()));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(
        readMigrationFiles().map((f) => f.name),
      );
      expect(await migrationRows(replicas[0] as Database)).toHaveLength(
        readMigrationFiles().length,
      );
    },
  );
});

describe(`Database.withJobLock (${testDatabaseKind})`, () => {
  it("runs a job once at a time: an overlapping attempt is refused, a later one runs", async () => {
    const db = await testDb();
    let release = () => {};
    const blocker = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = db.withJobLock(42, async () => {
      await blocker;
      return "first";
    });
    expect(await db.withJobLock(42, async () => "overlap")).toEqual({ acquired: false });
    expect(await db.withJobLock(43, async () => "other job")).toEqual({
      acquired: true,
      result: "other job",
    });
    release();
    expect(await first).toEqual({ acquired: true, result: "first" });
    expect(await db.withJobLock(42, async () => "later")).toEqual({
      acquired: true,
      result: "later",
    });
  });

  it.runIf(testServerUrl)("refuses a job another replica is running", async () => {
    const open = await reopenableTarget();
    const [a, b] = await Promise.all([open(), open()]);
    cleanup.defer(() => Promise.all([a?.close(), b?.close()]));
    let release = () => {};
    const blocker = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const holding = new Promise<void>((resolve) => {
      started = resolve;
    });
    const running = a.withJobLock(7, async () => {
      started();
      await blocker;
    });
    await holding; // replica a holds the lock now
    expect(await b.withJobLock(7, async () => "b")).toEqual({ acquired: false });
    release();
    expect((await running).acquired).toBe(true);
    expect(await b.withJobLock(7, async () => "b")).toEqual({ acquired: true, result: "b" });
  });
});
