// Test-only loader for the CDNOW reference data, kept as fixtures next to the models (see
// fixtures/cdnow/README.md for the provenance) so the tests run on any clean clone.
import { readFileSync } from "node:fs";
import path from "node:path";

const cdnowDirectory = path.resolve(import.meta.dirname, "../fixtures/cdnow");

function readLines(fileName: string): string[] {
  return readFileSync(path.join(cdnowDirectory, fileName), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
}

export interface CdnowCustomer {
  id: number;
  frequency: number;
  recency: number;
  T: number;
  /** zbar: mean spend per repeat purchase day, 0 without repeat purchases. */
  monetaryValue: number;
}

/** cdnow_customers_summary_with_transactions.csv: the 2,357 customers, times in weeks. */
export function readCdnowCustomers(): CdnowCustomer[] {
  const [header, ...rows] = readLines("cdnow_customers_summary_with_transactions.csv");
  if (header !== "ID,x,t_x,T,zbar") throw new Error(`unexpected header ${header}`);
  return rows.map((row) => {
    const [id, x, tx, T, zbar] = row.split(",").map(Number);
    return {
      id: id ?? Number.NaN,
      frequency: x ?? Number.NaN,
      recency: tx ?? Number.NaN,
      T: T ?? Number.NaN,
      monetaryValue: zbar ?? Number.NaN,
    };
  });
}

/** cdnow_customers_summary.csv: the BG/NBD input, as published (same values as above). */
export function readCdnowSummary(): Array<Omit<CdnowCustomer, "monetaryValue">> {
  const [header, ...rows] = readLines("cdnow_customers_summary.csv");
  if (header !== "ID,frequency,recency,T") throw new Error(`unexpected header ${header}`);
  return rows.map((row) => {
    const [id, frequency, recency, T] = row.split(",").map(Number);
    return {
      id: id ?? Number.NaN,
      frequency: frequency ?? Number.NaN,
      recency: recency ?? Number.NaN,
      T: T ?? Number.NaN,
    };
  });
}

export interface CdnowTransaction {
  /** The sample id (1–2357), the ID of the summaries. */
  customerId: number;
  at: Date;
  amount: number;
}

/** CDNOW_sample.txt: 6,919 transactions, whitespace-separated, dates as YYYYMMDD. */
export function readCdnowSampleTransactions(): CdnowTransaction[] {
  return readLines("CDNOW_sample.txt").map((line) => {
    const [, sampleId, date, , amount] = line.trim().split(/\s+/);
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(date ?? "");
    if (!match || sampleId === undefined || amount === undefined) {
      throw new Error(`unexpected CDNOW_sample line: ${line}`);
    }
    const [, year, month, day] = match.map(Number);
    return {
      customerId: Number(sampleId),
      at: new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day)),
      amount: Number(amount),
    };
  });
}
