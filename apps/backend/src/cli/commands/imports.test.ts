import { writeFile } from "node:fs/promises";
import path from "node:path";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { cliJson, freshDatabaseEnv, runCliCaptured } from "../testing/cli-test-env";

const cleanup = useTestCleanup();

const mapping = {
  orderNumber: "Order No",
  placedAt: "Order Date",
  email: "Buyer Email",
  total: "Grand Total",
  itemName: "Product",
  itemQuantity: "Qty",
  itemPrice: "Unit Price",
};

// One good order and three rejected ones; two carry personal data where an amount belongs, as a
// column shifted by a stray delimiter would.
const exportTsv = [
  "Order No\tOrder Date\tBuyer Email\tGrand Total\tProduct\tQty\tUnit Price",
  "A-1\t2026-02-03 14:05:00\tkim@example.com\t10.00\tPre-Roll 1g\t1\t10.00",
  "A-2\t2026-02-03 15:00:00\tmax@example.com\tjane.doe@example.com\tPre-Roll 1g\t1\t10.00",
  "A-3\t2026-02-03 16:00:00\tmax@example.com\t+1 615 555 0142\tPre-Roll 1g\t1\t10.00",
  "A-4\tsoon\tmax@example.com\t10.00\tPre-Roll 1g\t1\t10.00",
].join("\n");

/** A fresh database holding one import of the export above; its run id. */
async function importWithRejectedRows() {
  const dir = cleanup.tempDir();
  const env = { ...(await freshDatabaseEnv(cleanup)), INIT_CWD: dir };
  await writeFile(path.join(dir, "orders.tsv"), exportTsv);
  await writeFile(path.join(dir, "mapping.json"), JSON.stringify(mapping));
  const imported = await cliJson(["import-ecom", "orders.tsv", "--mapping", "mapping.json"], env);
  expect(imported).toMatchObject({ ordersCreated: 1, rowsRejected: 3 });
  return { env, runId: imported.importRunId as string };
}

describe(`pnpm cli imports errors (${testDatabaseKind})`, () => {
  it("prints a run's rejected rows as a table, CSV and JSON, masking the email and phone a message quoted; imports list shows the run", async () => {
    const { env, runId } = await importWithRejectedRows();

    const json = await cliJson(["imports", "errors", runId], env);
    expect(json).toEqual({
      ok: true,
      command: "imports",
      runId,
      count: 3,
      total: 3,
      omitted: 0,
      rows: [
        {
          line: 3,
          column: "Grand Total",
          message: 'order A-2: "Grand Total" is not a number: "[email]"',
          orderNumber: "A-2",
        },
        {
          line: 4,
          column: "Grand Total",
          message: 'order A-3: "Grand Total" is not a number: "[phone]"',
          orderNumber: "A-3",
        },
        {
          line: 5,
          column: "Order Date",
          message: expect.stringMatching(/^order A-4: unparseable date "soon"/),
          orderNumber: "A-4",
        },
      ],
    });

    const csv = await runCliCaptured(["imports", "errors", runId, "--csv"], env);
    expect(csv.exitCode).toBe(0);
    expect(csv.stdout.startsWith("line,column,message,order_number\r\n")).toBe(true);
    const parsed = Papa.parse<string[]>(csv.stdout.trimEnd(), { newline: "\r\n" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ["line", "column", "message", "order_number"],
      ...json.rows.map((row: { line: number; column: string; message: string }) => [
        String(row.line),
        row.column,
        row.message,
        row.line === 3 ? "A-2" : row.line === 4 ? "A-3" : "A-4",
      ]),
    ]);

    const human = await runCliCaptured(["imports", "errors", runId], { ...env });
    expect(human.exitCode).toBe(0);
    const lines = human.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 4)).toEqual([
      `Import run ${runId}: 3 issue(s) in rejected rows:`,
      "LINE  COLUMN       MESSAGE",
      '   3  Grand Total  order A-2: "Grand Total" is not a number: "[email]"',
      '   4  Grand Total  order A-3: "Grand Total" is not a number: "[phone]"',
    ]);
    expect(lines[4]).toMatch(/^ {3}5 {2}Order Date {3}order A-4: unparseable date "soon"/);
    for (const output of [human.stdout, csv.stdout, JSON.stringify(json)]) {
      expect(output).not.toContain("jane.doe@example.com");
      expect(output).not.toContain("555 0142");
    }

    // The run id to give comes from `imports list`.
    expect(await cliJson(["imports", "list"], env)).toMatchObject({
      count: 1,
      runs: [{ id: runId, status: "SUCCEEDED", phase: "done", rowsRejected: 3, ordersCreated: 1 }],
    });
    expect((await runCliCaptured(["imports", "list"], env)).stdout).toContain(runId);
  });

  it("says NOT_FOUND for an unknown run, BAD_INPUT for a malformed id, and refuses --csv with --json", async () => {
    const env = await freshDatabaseEnv(cleanup);
    await cliJson(["migrate"], env);
    const unknown = await runCliCaptured(
      ["imports", "errors", "00000000-0000-4000-8000-000000000000", "--json"],
      env,
    );
    expect(unknown.exitCode).toBe(1);
    expect(JSON.parse(unknown.lastLine).error).toEqual({
      code: "NOT_FOUND",
      message:
        "No import run 00000000-0000-4000-8000-000000000000: `pnpm cli imports list` shows the runs.",
    });
    const malformed = await runCliCaptured(["imports", "errors", "42", "--json"], env);
    expect(malformed.exitCode).toBe(2);
    expect(JSON.parse(malformed.lastLine).error.code).toBe("BAD_INPUT");
    const both = await runCliCaptured(["imports", "errors", "42", "--csv", "--json"], env);
    expect(JSON.parse(both.lastLine).error).toEqual({
      code: "BAD_INPUT",
      message: "Give --csv or --json, not both.",
    });
  });
});
