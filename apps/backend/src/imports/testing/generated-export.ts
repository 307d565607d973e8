// Benchmark support: a generated E-Series export written to disk, and imported the way the benches
// measure the import stage (parser batches of 2,000, a placeholder digest).
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { generateEcomExport, parseEcomCsv } from "@greenloop/order-sync/csv";
import {
  type ImportEcomOrdersOptions,
  type ImportEcomOrdersResult,
  importEcomOrders,
} from "../import-ecom-orders";

export const GENERATED_EXPORT_TIME_ZONE = "America/Chicago";

/** Writes `orders` generated orders (seed 7) to `file`; resolves its line count and size. */
export async function writeGeneratedExport(
  file: string,
  orders: number,
): Promise<{ lines: number; bytes: number }> {
  const out = createWriteStream(file);
  let lines = 0;
  const records = generateEcomExport({ orders, seed: 7, timeZone: GENERATED_EXPORT_TIME_ZONE });
  for (const record of records) {
    for (let i = record.indexOf("\n"); i !== -1; i = record.indexOf("\n", i + 1)) lines++;
    if (!out.write(record)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { lines, bytes: (await stat(file)).size };
}

/** importEcomOrders over the file on disk. */
export function importGeneratedExport(
  file: { path: string; bytes: number },
  options: Pick<ImportEcomOrdersOptions, "db"> & Partial<ImportEcomOrdersOptions>,
): Promise<ImportEcomOrdersResult> {
  return importEcomOrders({
    source: parseEcomCsv(createReadStream(file.path), {
      timeZone: GENERATED_EXPORT_TIME_ZONE,
      batchSize: 2_000,
      fileName: "export.csv",
    }),
    file: { name: "export.csv", sha256: "0".repeat(64), bytes: file.bytes },
    format: "ecwid",
    ...options,
  });
}
