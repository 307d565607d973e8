import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { openDatabase } from "@greenloop/db";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import type { ImportProgress } from "../../imports/import-ecom-orders";
import { freshDatabaseEnv, runCliCaptured } from "../testing/cli-test-env";
import { createImportProgressLine, remainingSeconds } from "./import-ecom";

const cleanup = useTestCleanup();
const fixtures = path.resolve(import.meta.dirname, "../../imports/testing/fixtures");

async function setup(): Promise<Record<string, string>> {
  const env = { ...(await freshDatabaseEnv(cleanup)), INIT_CWD: fixtures };
  return env;
}

async function countRows(env: Record<string, string>) {
  const db = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR ?? "" },
  );
  try {
    return {
      orders: await db.prisma.ecomOrder.count(),
      items: await db.prisma.ecomOrderItem.count(),
      changes: await db.prisma.ecomOrderChange.count(),
      runs: await db.prisma.importRun.count(),
      statuses: (
        await db.prisma.ecomOrder.findMany({
          select: { orderNumber: true, paymentStatusCode: true, fulfillmentStatusCode: true },
          orderBy: { orderNumber: "asc" },
        })
      ).map((o) => `${o.orderNumber}:${o.paymentStatusCode}:${o.fulfillmentStatusCode}`),
    };
  } finally {
    await db.close();
  }
}

async function importRunFormats(env: Record<string, string>) {
  const db = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR ?? "" },
  );
  try {
    const runs = await db.prisma.importRun.findMany({
      select: { format: true, status: true },
      orderBy: { startedAt: "asc" },
    });
    return runs.map((run) => `${run.format}:${run.status}`);
  } finally {
    await db.close();
  }
}

async function importRuns(env: Record<string, string>) {
  const db = await openDatabase(
    env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR ?? "" },
  );
  try {
    const runs = await db.prisma.importRun.findMany({
      select: { status: true, error: true, fileBytes: true, fileSha256: true },
      orderBy: { startedAt: "asc" },
    });
    return runs.map((run) => ({ ...run, fileBytes: Number(run.fileBytes) }));
  } finally {
    await db.close();
  }
}

/** Writes `content` to a temp file; its size and SHA-256, as the run should record them. */
async function writeExport(name: string, content: string | Buffer) {
  const file = path.join(cleanup.tempDir(), name);
  await writeFile(file, content);
  const bytes = await readFile(file);
  return { file, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

describe(`pnpm cli import-ecom (${testDatabaseKind})`, () => {
  it("imports an E-Series export, reports rejected rows, and re-imports it with zero changes", async () => {
    const env = await setup();
    const first = await runCliCaptured(["import-ecom", "ecwid-small.csv", "--json"], env);
    expect(first.exitCode).toBe(0);
    expect(first.stdout.trimEnd().split("\n")).toHaveLength(1);
    const result = JSON.parse(first.lastLine);
    expect(result).toMatchObject({
      ok: true,
      command: "import-ecom",
      importRunId: expect.any(String),
      file: {
        name: "ecwid-small.csv",
        path: path.join(fixtures, "ecwid-small.csv"),
        bytes: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      dryRun: false,
      rowsRead: 8,
      rowsRejected: 1,
      ordersCreated: 4,
      ordersUpdated: 0,
      ordersUnchanged: 0,
      customersTouched: 3,
      errors: [
        { line: 16, column: "order_total", message: expect.stringContaining("not a number") },
      ],
      durationMs: expect.any(Number),
    });
    expect(await countRows(env)).toMatchObject({ orders: 4, items: 7, changes: 0, runs: 1 });

    const again = await runCliCaptured(["import-ecom", "ecwid-small.csv", "--json"], env);
    expect(JSON.parse(again.lastLine)).toMatchObject({
      ordersCreated: 0,
      ordersUpdated: 0,
      ordersUnchanged: 4,
      customersTouched: 0,
      file: { sha256: result.file.sha256 },
    });
    expect(await countRows(env)).toMatchObject({ orders: 4, items: 7, changes: 0, runs: 2 });
  });

  it("applies a newer export (shipped, refunded, an item removed) and dry-runs it first without writing", async () => {
    const env = await setup();
    await runCliCaptured(["import-ecom", "ecwid-small.csv"], env);
    const before = await countRows(env);

    const dry = await runCliCaptured(["import-ecom", "ecwid-small-newer.csv", "--dry-run"], env);
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain("1 would be new, 3 would be updated, 1 unchanged");
    expect(dry.stdout).toContain("Dry run: nothing was written.");
    expect(await countRows(env)).toEqual(before);

    const human = await runCliCaptured(["import-ecom", "ecwid-small-newer.csv"], env);
    expect(human.exitCode).toBe(0);
    // The whole import's time, and each phase's (the merge and analytics used to go uncounted).
    expect(human.stdout).toMatch(
      /^Imported ecwid-small-newer\.csv \(.+\) in \d+\.\d s \(reading and writing \d+\.\d s, merging \d+\.\d s, analytics \d+\.\d s\):$/m,
    );
    expect(human.stdout).toContain("  orders    1 new, 3 updated, 1 unchanged");
    expect(human.stdout).toContain("  customers 3 touched");
    expect(await countRows(env)).toEqual({
      orders: 5,
      items: 8,
      changes: 3,
      runs: 2,
      statuses: [
        "1001:PAID:AWAITING_PROCESSING",
        "1002:PAID:AWAITING_PROCESSING",
        "1003:REFUNDED:AWAITING_PROCESSING",
        "1004:PAID:SHIPPED",
        "1005:PAID:AWAITING_PROCESSING",
      ],
    });
  });

  it("fails with BAD_INPUT naming the path for a missing file, and with the parser's message for a non-CSV one", async () => {
    const env = await setup();
    const missing = await runCliCaptured(["import-ecom", "nope.csv", "--json"], env);
    expect(missing.exitCode).not.toBe(0);
    expect(JSON.parse(missing.lastLine)).toEqual({
      ok: false,
      command: "import-ecom",
      error: { code: "BAD_INPUT", message: `File not found: ${path.join(fixtures, "nope.csv")}` },
    });

    const notCsv = path.join(cleanup.tempDir(), "orders.json");
    await writeFile(notCsv, '{"orders": []}\n');
    const json = await runCliCaptured(["import-ecom", notCsv, "--json"], env);
    expect(json.exitCode).not.toBe(0);
    expect(JSON.parse(json.lastLine).error).toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining("looks like JSON, not CSV"),
    });

    const badFormat = await runCliCaptured(
      ["import-ecom", "ecwid-small.csv", "--format", "xml"],
      env,
    );
    expect(badFormat.exitCode).toBe(2);
    expect(badFormat.stderr).toContain("--format must be one of auto, ecwid, shopify");
  });

  it("reports the whole file's size and SHA-256 when one record is too long to read (they were the first 5 MiB's)", async () => {
    const env = await setup();
    const small = await readFile(path.join(fixtures, "ecwid-small.csv"), "utf8");
    // An unterminated quote: the parser gives up on the rest after 4 MiB (its maxRecordChars).
    const exported = await writeExport(
      "huge-field.csv",
      `${small}1099;"${"x".repeat(6 * 1024 * 1024)}\n${small.slice(small.indexOf("\n") + 1)}`,
    );
    const run = await runCliCaptured(["import-ecom", exported.file, "--json"], env);
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.lastLine);
    expect(result.file).toMatchObject({ bytes: exported.bytes, sha256: exported.sha256 });
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining("the rest of the file was not read"),
      }),
    );
    expect(await importRuns(env)).toEqual([
      {
        status: "SUCCEEDED",
        error: null,
        fileBytes: exported.bytes,
        fileSha256: exported.sha256,
      },
    ]);
  });

  it("refuses a file that ends inside its header row, recording the run FAILED with why and the file's size and hash (half a header imported as ok with 0 rows)", async () => {
    const env = await setup();
    const [header = ""] = (await readFile(path.join(fixtures, "ecwid-small.csv"), "utf8")).split(
      "\n",
    );
    const half = await writeExport("half.csv", header.slice(0, header.indexOf(";discount")));
    const run = await runCliCaptured(["import-ecom", half.file, "--json"], env);
    expect(run.exitCode).not.toBe(0);
    const message =
      '"half.csv" is not a complete eCom order export: it ends inside its header row (no line ' +
      'break after line 1), so it was cut short; missing column(s) "discount", "X-series Order ID", "accept_marketing"';
    expect(JSON.parse(run.lastLine)).toEqual({
      ok: false,
      command: "import-ecom",
      error: { code: "BAD_INPUT", message },
    });
    expect(await importRuns(env)).toEqual([
      { status: "FAILED", error: message, fileBytes: half.bytes, fileSha256: half.sha256 },
    ]);
    expect(await countRows(env)).toMatchObject({ orders: 0 });
  });

  it("records the whole file's size and hash on the failed run of a refused header (the parser read only its start)", async () => {
    const env = await setup();
    const notAnExport = await writeExport(
      "customers.csv",
      `id;first_name\n${"1;someone\n".repeat(300_000)}`,
    );
    const run = await runCliCaptured(["import-ecom", notAnExport.file, "--json"], env);
    expect(JSON.parse(run.lastLine).error.message).toMatch(/is not a recognisable order export/);
    expect(await importRuns(env)).toEqual([
      {
        status: "FAILED",
        error: expect.stringMatching(/is not a recognisable order export/),
        fileBytes: notAnExport.bytes,
        fileSha256: notAnExport.sha256,
      },
    ]);
  });

  it("reads the export's local times in STORE_TIMEZONE and refuses a zone Intl does not know", async () => {
    const env = await setup();
    const bad = await runCliCaptured(["import-ecom", "ecwid-small.csv", "--json"], {
      ...env,
      STORE_TIMEZONE: "Mars/Olympus",
    });
    expect(JSON.parse(bad.lastLine).error).toMatchObject({
      code: "CONFIG",
      message: expect.stringContaining('STORE_TIMEZONE="Mars/Olympus" must be an IANA time zone'),
    });

    const utc = await runCliCaptured(["import-ecom", "ecwid-small.csv", "--json"], {
      ...env,
      STORE_TIMEZONE: "UTC",
    });
    expect(utc.exitCode).toBe(0);
    const db = await openDatabase(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR ?? "" },
    );
    try {
      const order = await db.prisma.ecomOrder.findUniqueOrThrow({ where: { orderNumber: "1004" } });
      // "Jan 6, 2026 01:15 PM" as UTC (America/Chicago, the default, would give 19:15Z).
      expect(order.placedAt.toISOString()).toBe("2026-01-06T13:15:00.000Z");
    } finally {
      await db.close();
    }
  });

  it("imports a Shopify export with --format shopify, refuses it for an E-Series file, and records the format", async () => {
    const env = await setup();
    const shopify = await runCliCaptured(
      ["import-ecom", "shopify-small.csv", "--format", "shopify", "--json"],
      env,
    );
    expect(shopify.exitCode).toBe(0);
    expect(JSON.parse(shopify.lastLine)).toMatchObject({
      ok: true,
      rowsRead: 3,
      rowsRejected: 0,
      ordersCreated: 2,
      errors: [],
    });
    const db = await openDatabase(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR ?? "" },
    );
    try {
      const order = await db.prisma.ecomOrder.findUniqueOrThrow({
        where: { orderNumber: "#1001" },
        include: { items: { orderBy: { position: "asc" } } },
      });
      expect(order).toMatchObject({ paymentStatusCode: "PAID", email: "jane.doe@example.com" });
      expect(order.total.toString()).toBe("61.88");
      expect(order.items.map((item) => [item.sku, item.total.toString()])).toEqual([
        ["100234", "35"],
        ["100577", "20"],
      ]);
    } finally {
      await db.close();
    }

    const wrong = await runCliCaptured(
      ["import-ecom", "ecwid-small.csv", "--format", "shopify", "--json"],
      env,
    );
    expect(wrong.exitCode).not.toBe(0);
    expect(JSON.parse(wrong.lastLine).error).toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining("is not a Shopify order export: missing column(s)"),
    });
    // The format the parser recognised, not the one asked for ("auto" here).
    await runCliCaptured(["import-ecom", "ecwid-small.csv", "--json"], env);
    expect(await importRunFormats(env)).toEqual([
      "shopify:SUCCEEDED",
      "shopify:FAILED",
      "ecwid:SUCCEEDED",
    ]);
  });

  it("maps the columns of any export with --mapping <file>, and names a mapping that does not fit", async () => {
    const env = await setup();
    const mapped = await runCliCaptured(
      ["import-ecom", "custom-small.tsv", "--mapping", "custom-small.mapping.json", "--json"],
      env,
    );
    expect(mapped.exitCode).toBe(0);
    expect(JSON.parse(mapped.lastLine)).toMatchObject({
      ok: true,
      rowsRead: 3,
      rowsRejected: 0,
      ordersCreated: 2,
      customersTouched: 2,
      errors: [],
    });
    const counts = await countRows(env);
    expect(counts).toMatchObject({ orders: 2, items: 3, runs: 1 });
    expect(counts.statuses).toEqual(["A-17:null:null", "A-18:null:null"]);
    expect(await importRunFormats(env)).toEqual(["mapping:SUCCEEDED"]);

    const again = await runCliCaptured(
      ["import-ecom", "custom-small.tsv", "--mapping", "custom-small.mapping.json", "--json"],
      env,
    );
    expect(JSON.parse(again.lastLine)).toMatchObject({ ordersCreated: 0, ordersUnchanged: 2 });

    const misfit = await runCliCaptured(
      ["import-ecom", "ecwid-small.csv", "--mapping", "custom-small.mapping.json", "--json"],
      env,
    );
    expect(misfit.exitCode).not.toBe(0);
    expect(JSON.parse(misfit.lastLine).error).toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringContaining(
        'lacks the column(s) named by the column mapping: "Order No"',
      ),
    });

    const missing = await runCliCaptured(
      ["import-ecom", "custom-small.tsv", "--mapping", "nope.json", "--json"],
      env,
    );
    expect(JSON.parse(missing.lastLine).error).toMatchObject({
      code: "BAD_INPUT",
      message: `Cannot read the --mapping file ${path.join(fixtures, "nope.json")}.`,
    });
  });
});

describe(`pnpm cli import-ecom progress (${testDatabaseKind})`, () => {
  it("names each phase as it starts (it sat at 100 % through the merge and analytics) and names imports errors only when rows were rejected", async () => {
    const env = await setup();
    const first = await runCliCaptured(["import-ecom", "ecwid-small.csv"], env);
    expect(first.exitCode).toBe(0);
    const lines = first.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "Reading ecwid-small.csv (5.0 KB) and writing its orders…",
      "Merging the changed orders into customers…",
      "Recomputing the analytics…",
    ]);
    const runId = /^Import run ([0-9a-f-]{36}):/.exec(lines.at(-1) ?? "")?.[1];
    expect(lines.at(-1)).toBe(
      `Import run ${runId}: \`pnpm cli imports errors ${runId}\` lists the rejected rows (--csv for a spreadsheet).`,
    );
    expect(first.stdout).not.toContain("errorReport");

    const dryRun = await runCliCaptured(["import-ecom", "ecwid-small-newer.csv", "--dry-run"], env);
    const dryLines = dryRun.stdout.trimEnd().split("\n");
    expect(dryLines[0]).toBe(
      "Reading ecwid-small-newer.csv (5.0 KB; a dry run: nothing is written)…",
    );
    expect(dryRun.stdout).not.toMatch(/Merging|analytics/);

    const clean = await runCliCaptured(["import-ecom", "ecwid-small-newer.csv"], env);
    const cleanLines = clean.stdout.trimEnd().split("\n");
    expect(cleanLines.slice(0, 3).map((line) => line.split(" ")[0])).toEqual([
      "Reading",
      "Merging",
      "Recomputing",
    ]);
    expect(cleanLines.at(-1)).toMatch(/^Import run [0-9a-f-]{36}\.$/);
    expect(clean.stdout).not.toMatch(/errorReport|imports errors/);

    const json = await runCliCaptured(["import-ecom", "ecwid-small.csv", "--json"], env);
    expect(json.stdout.trimEnd().split("\n")).toHaveLength(1);
    const { totalMs, phasesMs } = JSON.parse(json.stdout);
    expect(Object.keys(phasesMs)).toEqual(["reading", "merging", "analytics"]);
    const phases = Object.values(phasesMs) as number[];
    expect(totalMs).toBeGreaterThanOrEqual(phases.reduce((sum, ms) => sum + ms, 0));
  });
});

describe("createImportProgressLine", () => {
  it("does name the phase and estimate the time left from the bytes per second so far", () => {
    let written = "";
    let clock = 0;
    let read = 0;
    const line = createImportProgressLine(
      { write: (text: string) => (written += text) },
      4 * 1024 * 1024,
      () => read,
      () => clock,
    );
    const counts: ImportProgress = {
      rowsRead: 10,
      ordersCreated: 8,
      ordersUpdated: 1,
      ordersUnchanged: 0,
      rowsRejected: 1,
    };
    clock = 2_000;
    read = 1024 * 1024;
    line.update(counts);
    expect(written).toBe(
      "\r\x1b[2KReading and writing: 1.0 MB of 4.0 MB (25 %, about 6 s left), 10 row(s): 8 new, 1 updated, 0 unchanged, 1 rejected",
    );
    line.end();
    expect(written.endsWith("\n")).toBe(true);
  });

  it("does leave the estimate out until there is a rate to go by", () => {
    expect(remainingSeconds(0, 100, 5)).toBeNull();
    expect(remainingSeconds(50, 100, 0.5)).toBeNull();
    expect(remainingSeconds(100, 100, 5)).toBeNull();
    expect(remainingSeconds(30, 100, 3)).toBe(7);
    expect(remainingSeconds(1, 7_200, 1)).toBe(7_199);
  });
});
