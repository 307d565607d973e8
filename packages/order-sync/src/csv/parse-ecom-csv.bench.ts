// Streaming parse vs reading the whole file: throughput (vitest's ops/s × rows per run) and the
// RSS high-water mark each approach reaches (sampled during the runs, printed at the end).
import { createReadStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { afterAll, bench, describe } from "vitest";
import { parseEcomCsv } from "./parse-ecom-csv";
import { generateEcomExport } from "./testing/generate-ecom-export";

const ORDERS = 20_000;
const file = path.join(mkdtempSync(path.join(tmpdir(), "ecom-bench-")), "orders.csv");
writeFileSync(file, [...generateEcomExport({ orders: ORDERS, seed: 42 })].join(""));
const peak = new Map<string, number>();
const sample = (name: string) =>
  peak.set(name, Math.max(peak.get(name) ?? 0, process.memoryUsage().rss));

describe(`parse ${ORDERS} generated E-Series orders`, () => {
  bench("parseEcomCsv (streaming, grouped, validated)", async () => {
    let orders = 0;
    for await (const batch of parseEcomCsv(createReadStream(file), {
      timeZone: "America/Chicago",
    })) {
      orders += batch.orders.length;
      sample("streaming");
    }
    if (orders !== ORDERS) throw new Error(`expected ${ORDERS} orders, got ${orders}`);
  });

  bench("naive: readFile + split('\\n') + split(';') (wrong on multi-line fields)", () => {
    const rows = readFileSync(file, "utf8")
      .split("\n")
      .map((line) => line.split(";"));
    sample("naive split");
    if (rows.length === 0) throw new Error("no rows");
  });

  bench("naive: readFile + Papa.parse(whole string)", () => {
    const result = Papa.parse<string[]>(readFileSync(file, "utf8"), { delimiter: ";" });
    sample("papa whole string");
    if (result.data.length === 0) throw new Error("no rows");
  });
});

afterAll(() => {
  const lines = [...peak].map(
    ([name, rss]) => `  ${name}: peak RSS ${(rss / 2 ** 20).toFixed(0)} MiB`,
  );
  process.stdout.write(`\n${lines.join("\n")}\n`);
});
