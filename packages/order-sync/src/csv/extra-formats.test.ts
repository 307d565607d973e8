// A fourth export format added without touching the parser: a test-only descriptor, passed in
// `formats`, read through the public API with a fixture of its own.
import { createReadStream } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import {
  defineEcomExportFormat,
  type EcomCsvBatch,
  type EcomCsvInput,
  type ParseEcomCsvOptions,
  parseEcomCsv,
} from "./index";

const DOTTED = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})$/;
const STATES: Record<string, string> = { done: "ACCEPTED", void: "CANCELLED" };

/** A made-up till's export: `dd.mm.yyyy hh:mm` store-local times, its own status words. */
const tillFormat = defineEcomExportFormat({
  name: "till",
  label: "till",
  fullLabel: "POS till",
  header: { signature: ["Receipt", "Sold At", "Receipt Total", "Line"] },
  columns: {
    orderNumber: "Receipt",
    placedAt: "Sold At",
    email: "Customer Email",
    total: "Receipt Total",
    itemName: "Line",
    itemQuantity: "Qty",
    itemPrice: "Each",
    paymentStatusCode: "State",
  },
  time: {
    parse(text, zone) {
      const match = DOTTED.exec(text.trim());
      if (!match) return null;
      const [, day, month, year, hour, minute] = match.map(Number);
      const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute);
      return new Date(zone.wallToUtc(wall));
    },
    examples: ["03.02.2026 14:05"],
  },
  status: {
    normalizeCode: (code) => STATES[code] ?? code.toUpperCase(),
    paymentCodeFromLabel: () => null,
    fulfillmentCodeFromLabel: () => null,
  },
  grouping: { orderFields: "every-row" },
});

const fixture = () =>
  createReadStream(path.join(import.meta.dirname, "fixtures", "till-export.csv"));

async function collect(input: EcomCsvInput, options: Partial<ParseEcomCsvOptions> = {}) {
  const batches: EcomCsvBatch[] = [];
  for await (const batch of parseEcomCsv(input, { timeZone: "Europe/Berlin", ...options })) {
    batches.push(batch);
  }
  return batches;
}

describe("parseEcomCsv", () => {
  it("does recognise a format passed in `formats` and read the file with its rules", async () => {
    const [batch, ...more] = await collect(fixture(), { formats: [tillFormat] });
    expect(more).toEqual([]);
    expect(batch?.format).toBe("till");
    expect(batch?.orders.map((o) => [o.orderNumber, o.items.length, o.paymentStatusCode])).toEqual([
      ["R-100", 2, "ACCEPTED"],
      ["R-101", 1, "CANCELLED"],
    ]);
    const first = batch?.orders[0];
    expect(first?.placedAt.toISOString()).toBe("2026-02-03T13:05:00.000Z");
    expect(first?.email).toBe("kim.sample@example.com");
    expect(first?.total.toFixed(2)).toBe("31.50");
    expect(first?.items[1]?.total.toFixed(2)).toBe("10.00");
    expect(batch?.rejected).toEqual([
      expect.objectContaining({
        line: 6,
        orderNumber: "R-102",
        column: "Receipt Total",
        message: expect.stringMatching(/"Receipt Total" differs between the order's rows/),
      }),
      expect.objectContaining({
        line: 7,
        orderNumber: "R-103",
        column: "Sold At",
        message: 'order R-103: unparseable date "yesterday" (expected e.g. "03.02.2026 14:05")',
      }),
    ]);
  });

  it("does read a file as the format given in `format`", async () => {
    const [batch] = await collect(fixture(), { format: tillFormat });
    expect(batch?.orders.map((o) => o.orderNumber)).toEqual(["R-100", "R-101"]);
  });

  it("does name the extra format's columns when a header matches no format", async () => {
    const error = await collect("id,name\n1,a\n", { formats: [tillFormat] }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(
      /Shopify columns \(.*\) or the POS till columns \(Receipt, Sold At, Receipt Total, Line\)/,
    );
  });

  it("does not recognise the extra format when it is not passed", async () => {
    const error = await collect(fixture()).catch((e) => e);
    expect((error as DomainError).message).toMatch(/is not a recognisable order export/);
  });
});
