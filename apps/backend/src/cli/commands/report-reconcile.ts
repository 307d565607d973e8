// `pnpm cli report reconcile <export.csv>`: compares an eCom order export with what X-Series holds
// (matched, missing in X-Series, totals or statuses that disagree), streaming the file batch by batch.
import { createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import { DomainError } from "@greenloop/order-sync/errors";
import { openMigratedDatabaseFromEnv } from "../../database";
import { formatStoreTime } from "../../monitoring/delays/format-duration";
import { reconcileCsvLines } from "../../monitoring/reconcile/reconcile-csv";
import {
  type ReconciledOrder,
  type ReconcileResult,
  reconcileExport,
} from "../../monitoring/reconcile/reconcile-export";
import { reportHelp } from "../command-help";
import { parseExportFormat, readableFileSize, readExportMapping } from "./ecom-export-options";
import type { Report } from "./report-kind";

/** Orders per parser batch, and so per sales query. */
const BATCH_SIZE = 2_000;
/** Problem orders listed in the human summary (all are in --json and --csv). */
const SHOWN_PROBLEMS = 50;

export const reconcileReport: Report = {
  ...reportHelp.reconcile,
  options: ["format", "mapping", "csv"],
  async run({ env, logger, values }, args) {
    const [file, ...extra] = args;
    if (file === undefined || extra.length > 0) {
      throw new DomainError(
        "BAD_INPUT",
        `Expected exactly one export file. Usage: pnpm cli ${reconcileReport.usage}`,
      );
    }
    const format = parseExportFormat(values.format);
    const mapping =
      typeof values.mapping === "string"
        ? await readExportMapping(values.mapping, env.invocationDir)
        : undefined;
    if (values.csv !== undefined && (typeof values.csv !== "string" || values.csv === "")) {
      throw new DomainError("BAD_INPUT", "--csv needs the path of the file to write.");
    }
    const csvPath =
      typeof values.csv === "string" ? path.resolve(env.invocationDir, values.csv) : undefined;
    const filePath = path.resolve(env.invocationDir, file);
    await readableFileSize(filePath);

    const db = await openMigratedDatabaseFromEnv(env, logger);
    let result: ReconcileResult;
    try {
      result = await reconcileExport(db, {
        source: parseEcomCsv(createReadStream(filePath), {
          timeZone: env.storeTimeZone,
          format: mapping && format === "auto" ? "mapping" : format,
          ...(mapping ? { mapping } : {}),
          batchSize: BATCH_SIZE,
          fileName: path.basename(filePath),
        }),
      });
    } finally {
      await db.close();
    }
    if (csvPath !== undefined) {
      await pipeline(Readable.from(reconcileCsvLines(result.orders)), createWriteStream(csvPath));
    }
    return {
      json: { counts: result.counts, orders: result.orders.map(toJson) },
      summary: summarize(path.basename(filePath), result, env.storeTimeZone, csvPath),
    };
  },
};

function toJson(order: ReconciledOrder) {
  const money = (value: { toFixed(digits: number): string } | null) => value?.toFixed(2) ?? null;
  return {
    ecomOrderNumber: order.ecomOrderNumber,
    placedAt: order.placedAt.toISOString(),
    category: order.category,
    exportTotal: money(order.exportTotal),
    xseriesTotal: money(order.xseriesTotal),
    difference: money(order.difference),
    loyaltyPaid: money(order.loyaltyPaid),
    exportStatus: order.exportStatus,
    xseriesStatus: order.xseriesStatus,
    retailSaleId: order.retailSaleId,
    matchedBy: order.matchedBy,
  };
}

const categoryLabel: Record<ReconciledOrder["category"], string> = {
  matched: "matched",
  missing_in_xseries: "missing in X-Series",
  total_mismatch: "total differs",
  status_mismatch: "status differs",
};

function summarize(
  fileName: string,
  { counts, orders }: ReconcileResult,
  timeZone: string,
  csvPath: string | undefined,
): string {
  const problems = orders.filter((order) => order.category !== "matched");
  const lines = [
    `Reconciled ${fileName}: ${counts.orders} order(s), ${counts.rejectedRows} row(s) rejected by the parser.`,
    `  matched              ${counts.matched}`,
    `  missing in X-Series  ${counts.missingInXSeries}`,
    `  total differs        ${counts.totalMismatch}`,
    `  status differs       ${counts.statusMismatch}`,
  ];
  if (problems.length > 0) {
    lines.push(
      `Problem orders${problems.length > SHOWN_PROBLEMS ? ` (first ${SHOWN_PROBLEMS} of ${problems.length})` : ""}:`,
    );
    lines.push(...problems.slice(0, SHOWN_PROBLEMS).map((order) => describe(order, timeZone)));
  }
  if (csvPath !== undefined) lines.push(`Wrote ${counts.orders} row(s) to ${csvPath}.`);
  return lines.join("\n");
}

function describe(order: ReconciledOrder, timeZone: string): string {
  const head = `  #${order.ecomOrderNumber}  placed ${formatStoreTime(order.placedAt, timeZone)}  ${categoryLabel[order.category]}`;
  switch (order.category) {
    case "missing_in_xseries":
      return `${head}: export total ${order.exportTotal.toFixed(2)}, ${order.exportStatus}`;
    case "total_mismatch":
      return `${head}: export ${order.exportTotal.toFixed(2)}, X-Series ${order.xseriesTotal?.toFixed(2)} (sale ${order.retailSaleId})`;
    default:
      return `${head}: export ${order.exportStatus}, X-Series ${order.xseriesStatus} (sale ${order.retailSaleId})`;
  }
}
