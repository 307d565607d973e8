// End-to-end eCom import (stream → parse → set-based persist) of a generated 350k-order E-Series
// export, against the naive way (one Prisma create with nested createMany per order), on the
// database under test (PGlite in a data directory, or PostgreSQL with DATABASE_URL). Prints one
// `ecom-import {…}` line per measure; Vitest's own table is not the measure.

import { createReadStream, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { openTestDatabase, testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { parseEcomCsv } from "@greenloop/order-sync/csv";
import { bench, describe } from "vitest";
import {
  GENERATED_EXPORT_TIME_ZONE,
  importGeneratedExport,
  writeGeneratedExport,
} from "./testing/generated-export";

// ECOM_BENCH_ORDERS: a smaller export for a quick probe (the figures in BENCHMARKS.md use 350k).
const ORDERS = Number(process.env.ECOM_BENCH_ORDERS ?? 350_000);
const NAIVE_ORDERS = Math.min(5_000, ORDERS);
const cleanup = useTestCleanup();

/** Peak RSS sampled every 50 ms while `work` runs (PGlite runs in this process, PostgreSQL does not). */
async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ value: T; peakRssMb: number; rssBeforeMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      value,
      peakRssMb: Math.round(peak / 2 ** 20),
      rssBeforeMb: Math.round(before / 2 ** 20),
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * CPU seconds used so far by the PostgreSQL server's processes when it runs on this machine (the
 * bench's own server at 127.0.0.1), from /proc: every postgres process's own time plus what the
 * postmaster reaped from ended backends. Null when the server is elsewhere or /proc is not there.
 */
function localPostgresCpuSeconds(): number | null {
  const url = process.env.DATABASE_URL;
  if (!url || !/@(127\.0\.0\.1|localhost)[:/]/.test(url)) return null;
  let ticks = 0;
  try {
    for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        continue; // ended meanwhile
      }
      const close = stat.lastIndexOf(")");
      if (!stat.slice(stat.indexOf("(") + 1, close).startsWith("postgres")) continue;
      // Fields after "(comm)": state is the 3rd field; utime, stime, cutime, cstime the 14th–17th.
      const fields = stat.slice(close + 2).split(" ");
      for (const index of [11, 12, 13, 14]) ticks += Number(fields[index] ?? 0);
    }
  } catch {
    return null;
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

function report(figures: Record<string, unknown>) {
  process.stdout.write(
    `\necom-import ${JSON.stringify({ database: testDatabaseKind, ...figures })}\n`,
  );
}

/**
 * PGlite in a data directory, as the CLI runs it (in memory, each COPY into a growing table is
 * slower than the last: see BENCHMARKS.md), or PostgreSQL.
 */
function openBenchDatabase() {
  return openTestDatabase({ pgliteDir: path.join(cleanup.tempDir("ecom-bench-db-"), "pglite") });
}

async function measureOurs(): Promise<void> {
  const file = path.join(cleanup.tempDir("ecom-bench-"), "export.csv");
  const { lines, bytes } = await writeGeneratedExport(file, ORDERS);
  const db = await openBenchDatabase();
  try {
    for (const pass of ["first import", "re-import (all unchanged)"]) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const serverCpuBefore = localPostgresCpuSeconds();
      const {
        value: result,
        peakRssMb,
        rssBeforeMb,
      } = await withPeakRss(() => importGeneratedExport({ path: file, bytes }, { db }));
      const seconds = (performance.now() - started) / 1000;
      const { user, system } = process.cpuUsage(cpu);
      const serverCpuAfter = localPostgresCpuSeconds();
      report({
        approach: `set-based (ours), ${pass}`,
        lines,
        bytes,
        rows: result.rowsRead,
        orders: result.ordersCreated + result.ordersUpdated + result.ordersUnchanged,
        created: result.ordersCreated,
        unchanged: result.ordersUnchanged,
        rejected: result.rowsRejected,
        seconds: Number(seconds.toFixed(1)),
        rowsPerSecond: Math.round(result.rowsRead / seconds),
        linesPerSecond: Math.round(lines / seconds),
        peakRssMb,
        rssBeforeMb,
        // This process only: PostgreSQL's own work is not in it (PGlite's is).
        cpuSeconds: Number(((user + system) / 1e6).toFixed(1)),
        // The local PostgreSQL server's processes (every session, so other work on it counts too).
        serverCpuSeconds:
          serverCpuBefore === null || serverCpuAfter === null
            ? undefined
            : Number((serverCpuAfter - serverCpuBefore).toFixed(1)),
      });
    }
  } finally {
    await db.close();
  }
}

async function measureNaive(): Promise<void> {
  const file = path.join(cleanup.tempDir("ecom-bench-"), "export-small.csv");
  const { lines } = await writeGeneratedExport(file, NAIVE_ORDERS);
  const db = await openBenchDatabase();
  try {
    const run = await db.prisma.importRun.create({
      data: { format: "ecwid", fileName: "export-small.csv", fileSha256: "0", fileBytes: 0n },
      select: { id: true },
    });
    const started = performance.now();
    let rows = 0;
    const { peakRssMb } = await withPeakRss(async () => {
      for await (const batch of parseEcomCsv(createReadStream(file), {
        timeZone: GENERATED_EXPORT_TIME_ZONE,
      })) {
        rows = batch.rowsRead;
        for (const order of batch.orders) {
          const { items, records } = order;
          const existing = await db.prisma.ecomOrder.findUnique({
            where: { orderNumber: order.orderNumber },
            select: { id: true },
          });
          if (existing) continue;
          const created = await db.prisma.ecomOrder.create({
            data: {
              orderNumber: order.orderNumber,
              placedAt: order.placedAt,
              email: order.email,
              phone: order.phone,
              customerName: order.customerName,
              paymentStatusCode: order.paymentStatusCode,
              paymentStatusLabel: order.paymentStatusLabel,
              fulfillmentStatusCode: order.fulfillmentStatusCode,
              fulfillmentStatusLabel: order.fulfillmentStatusLabel,
              subtotal: order.subtotal?.toFixed() ?? null,
              tax: order.tax?.toFixed() ?? null,
              shipping: order.shipping?.toFixed() ?? null,
              discount: order.discount?.toFixed() ?? null,
              total: order.total.toFixed(),
              xseriesOrderIdHint: order.xseriesOrderIdHint,
              contentHash: "",
              rows: records,
              firstImportRunId: run.id,
              lastImportRunId: run.id,
            },
            select: { id: true },
          });
          await db.prisma.ecomOrderItem.createMany({
            data: items.map((item) => ({
              ecomOrderId: created.id,
              position: item.position,
              sku: item.sku,
              name: item.name,
              options: item.options,
              quantity: item.quantity.toFixed(),
              unitPrice: item.unitPrice.toFixed(),
              total: item.total.toFixed(),
            })),
          });
        }
      }
    });
    const seconds = (performance.now() - started) / 1000;
    report({
      approach: "naive (findUnique + create + createMany per order)",
      lines,
      rows,
      orders: NAIVE_ORDERS,
      seconds: Number(seconds.toFixed(1)),
      rowsPerSecond: Math.round(rows / seconds),
      linesPerSecond: Math.round(lines / seconds),
      peakRssMb,
    });
  } finally {
    await db.close();
  }
}

const runs = new Map<string, Promise<void>>();
const measureOnce = (name: string, measure: () => Promise<void>) => {
  let run = runs.get(name);
  if (!run) {
    run = measure();
    runs.set(name, run);
  }
  return run;
};
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe(`eCom import, ${ORDERS.toLocaleString("en-US")} orders (${testDatabaseKind})`, () => {
  bench(
    "set-based: stream, parse, COPY per batch (ours)",
    () => measureOnce("ours", measureOurs),
    once,
  );
  bench(
    `naive: Prisma calls per order (${NAIVE_ORDERS.toLocaleString("en-US")} orders)`,
    () => measureOnce("naive", measureNaive),
    once,
  );
});
