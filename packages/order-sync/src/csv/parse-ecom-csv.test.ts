import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import type { EcomCsvBatch, EcomCsvIssue, ParsedEcomOrder } from "./ecom-order";
import { type ParseEcomCsvOptions, parseEcomCsv } from "./parse-ecom-csv";
import { generateEcomExport } from "./testing/generate-ecom-export";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);
const options: ParseEcomCsvOptions = { timeZone: "America/Chicago" };

async function collect(
  input: Parameters<typeof parseEcomCsv>[0],
  opts: Partial<ParseEcomCsvOptions> = {},
) {
  const batches: EcomCsvBatch[] = [];
  for await (const batch of parseEcomCsv(input, { ...options, ...opts })) batches.push(batch);
  const orders: ParsedEcomOrder[] = batches.flatMap((b) => b.orders);
  const rejected: EcomCsvIssue[] = batches.flatMap((b) => b.rejected);
  const last = batches.at(-1);
  return { batches, orders, rejected, rowsRead: last?.rowsRead, rowsRejected: last?.rowsRejected };
}

async function parseError(input: Parameters<typeof parseEcomCsv>[0], opts = {}) {
  try {
    await collect(input, opts);
  } catch (error) {
    return error;
  }
  throw new Error("expected the parse to fail");
}

describe("parseEcomCsv", () => {
  it("does parse the reference E-Series export with multi-line and ;-containing quoted fields", async () => {
    const { orders, rejected, rowsRead } = await collect(
      createReadStream(fixture("ecwid-reference.csv")),
    );
    expect(rejected).toEqual([]);
    expect(rowsRead).toBe(4);
    expect(orders.map((o) => o.orderNumber)).toEqual(["1003", "1002", "1001"]);
    const [first, second, third] = orders;
    expect(first?.lines).toEqual([2, 4]);
    expect(second?.lines).toEqual([6]);
    expect(third?.lines).toEqual([7]);
    expect(first).toMatchObject({
      placedAt: new Date("2026-01-06T19:15:00Z"),
      email: "jane.doe@example.com",
      phone: "+16155550101",
      customerName: "Jane Doe",
      paymentStatusCode: "ACCEPTED",
      paymentStatusLabel: "Paid",
      fulfillmentStatusCode: "READY_FOR_PICKUP",
      fulfillmentStatusLabel: "Ready For Pickup",
      xseriesOrderIdHint: null,
    });
    expect(first?.total.toFixed(2)).toBe("61.88");
    expect(first?.subtotal?.toFixed(2)).toBe("55.00");
    expect(
      first?.items.map((i) => [
        i.position,
        i.sku,
        i.name,
        i.quantity.toString(),
        i.unitPrice.toFixed(2),
        i.total.toFixed(2),
        i.options,
      ]),
    ).toEqual([
      [0, "100234", "Blue Dream - Flower", "1", "35.00", "35.00", "Amount:3.5G"],
      [1, "100577", "Pre-Roll 1g", "2", "10.00", "20.00", "Strain:Example Kush"],
    ]);
    expect(first?.rows[0]?.tax_details).toBe("State & Local Tax:$3.33\nPrivilege Tax:$1.05");
    expect(first?.rows[0]?.detail_discount).toContain(";customer_group_discount:0.00;");
    expect(first?.rows[0]?.["Pickup date and time"]).toBe("2026-01-06 15:00:00");
    expect(Object.keys(first?.rows[0] ?? {})).toHaveLength(109);
    expect(second?.items[0]?.name).toBe("Gummies, Mixed Berry 10pk");
    expect(second?.xseriesOrderIdHint).toBe("0a1b2c3d-4e5f-11f0-a1b2-000000000002");
    expect(third?.rows[0]?.order_comments).toBe("Side door please; ring bell<br>Thanks");
    expect(third?.phone).toBeNull();
  });

  it("does keep each order's records verbatim, quotes and line breaks included", async () => {
    const text = readFileSync(fixture("ecwid-reference.csv"), "utf8");
    const { orders, batches } = await collect(text);
    expect(batches.map((b) => b.format)).toEqual(["ecwid"]);
    const first = orders[0];
    expect(first?.records).toHaveLength(2);
    expect(first?.records[0]).toMatch(/^1003;jane\.doe@example\.com;"100234";/);
    expect(first?.records[0]).toContain('"State & Local Tax:$3.33\nPrivilege Tax:$1.05"');
    expect(first?.records[0]?.endsWith("\n")).toBe(false);
    // The records are the data lines of the file, in order, nothing added or lost.
    const lines = text.split("\n");
    const header = lines[0] ?? "";
    const rebuilt = [header, ...orders.flatMap((o) => o.records)].join("\n");
    expect(`${rebuilt}\n`).toBe(text);
  });

  it("does tell order 0012 from order 12 when it spots an order repeated after others", async () => {
    const lines = readFileSync(fixture("ecwid-reference.csv"), "utf8").split("\n");
    // Line 6 is order 1002, a single-line record: the same record under other order numbers.
    const record = lines[5] ?? "";
    const body = record.slice(record.indexOf(";"));
    const csv = [lines[0], `0012${body}`, `12${body}`, `0012${body}`, ""].join("\n");
    const { orders, rejected } = await collect(csv);
    expect(orders.map((o) => o.orderNumber)).toEqual(["0012", "12"]);
    expect(rejected).toEqual([
      expect.objectContaining({
        line: 4,
        orderNumber: "0012",
        message: expect.stringMatching(/first seen on line 2/),
      }),
    ]);
  });

  it("does reject an order with a NUL character in a field, naming its line and column", async () => {
    const lines = readFileSync(fixture("ecwid-reference.csv"), "utf8").split("\n");
    const record = lines[5] ?? "";
    const body = record.slice(record.indexOf(";"));
    // Far enough into the file that the binary-data check of its start does not see it.
    const filler = Array.from({ length: 40 }, (_, i) => `${3000 + i}${body}`);
    const nul = `${body.slice(0, body.indexOf(";", 1))}\u0000${body.slice(body.indexOf(";", 1))}`;
    const csv = [lines[0], ...filler, `4000${nul}`, `4001${body}`, ""].join("\n");
    expect(csv.indexOf("\u0000")).toBeGreaterThan(4096);
    const { orders, rejected } = await collect(csv);
    expect(orders.map((o) => o.orderNumber)).toContain("4001");
    expect(orders.map((o) => o.orderNumber)).not.toContain("4000");
    const header = (lines[0] ?? "").split(";");
    expect(rejected).toEqual([
      {
        line: 42,
        column: header[1],
        orderNumber: "4000",
        message: expect.stringMatching(
          /order 4000: a NUL character .*; the whole order is rejected/,
        ),
      },
    ]);
  });

  it("does reject amounts the database cannot hold exactly instead of rounding or overflowing", async () => {
    const lines = readFileSync(fixture("ecwid-reference.csv"), "utf8").split("\n");
    const header = (lines[0] ?? "").split(";");
    const record = (lines[5] ?? "").split(";");
    const totalAt = header.indexOf("order_total");
    const quantityAt = header.indexOf("quantity");
    const priceAt = header.indexOf("price");
    const itemTotalAt = header.indexOf("total");
    const variant = (n: string, total: string, quantity: string, price?: string) => {
      const fields = [...record];
      fields[0] = n;
      fields[totalAt] = total;
      fields[quantityAt] = quantity;
      if (price !== undefined) {
        fields[priceAt] = price;
        fields[itemTotalAt] = ""; // price × quantity, then
      }
      return fields.join(";");
    };
    const csv = [
      lines[0],
      variant("5001", "123456789012345.5", "1"),
      variant("5002", "10.123456", "1"),
      variant("5003", "10.5", "1.000001"),
      variant("5004", "99999999999999.99999", "2.5"),
      variant("5005", "10", "10000", "99999999999.5"),
      variant("5006", "10", "3.5", "0.33333"),
      "",
    ].join("\n");
    const { orders, rejected } = await collect(csv);
    expect(
      orders.map((o) => [o.orderNumber, o.total.toFixed(), o.items[0]?.quantity.toFixed()]),
    ).toEqual([
      ["5004", "99999999999999.99999", "2.5"],
      ["5006", "10", "3.5"],
    ]);
    // 0.33333 × 3.5 = 1.166655, rounded as numeric(19, 5) stores it.
    expect(orders[1]?.items[0]?.total.toFixed()).toBe("1.16666");
    expect(rejected.map((issue) => [issue.orderNumber, issue.line, issue.column])).toEqual([
      ["5001", 2, "order_total"],
      ["5002", 3, "order_total"],
      ["5003", 4, "quantity"],
      ["5005", 6, "price"],
    ]);
    expect(rejected[0]?.message).toMatch(
      /too many digits \(at most 14 digits before the decimal point and 5 after\): "123456789012345.5"/,
    );
  });

  it("does cut batches of exactly batchSize orders even when one chunk holds several", async () => {
    const text = [...generateEcomExport({ orders: 7, seed: 1 })].join("");
    const { batches } = await collect(text, { batchSize: 2, chunkChars: 1 << 20 });
    expect(batches.map((b) => b.orders.length)).toEqual([2, 2, 2, 1]);
    const rows = batches.map((b) => b.rowsRead);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  it("does read a BOM + CRLF file with an extra store column and reports each bad order precisely", async () => {
    const { orders, rejected, rowsRead, rowsRejected } = await collect(
      createReadStream(fixture("ecwid-edge-cases.csv"), { highWaterMark: 512 }),
    );
    expect(orders.map((o) => o.orderNumber)).toEqual(["2001", "2003", "2004", "2009"]);
    const split = orders[0];
    expect(split?.lines).toEqual([2, 3, 5, 6]);
    expect(split?.items).toHaveLength(4);
    expect(split?.placedAt.toISOString()).toBe("2026-04-20T14:41:00.000Z");
    expect(split?.items.map((i) => i.sku)).toEqual(["000123", "100577", "200117", "000981"]);
    expect(split?.rows[0]?.["Gift wrap"]).toBe("no");
    expect(split?.rows[0]?.language).toBe("en");
    expect(split?.records).toHaveLength(4);
    expect(split?.records.some((record) => record.endsWith("\r"))).toBe(false);
    expect(orders[1]?.placedAt.toISOString()).toBe("2026-03-08T08:30:00.000Z");
    expect(orders[2]?.placedAt.toISOString()).toBe("2026-11-01T06:30:00.000Z");
    // Codes missing: the label decides.
    expect(orders[3]).toMatchObject({
      paymentStatusCode: "QUEUED",
      fulfillmentStatusCode: "NEW",
      lines: [18],
    });

    const byOrder = (n: string | null) => rejected.filter((issue) => issue.orderNumber === n);
    expect(byOrder("2002")).toEqual([
      expect.objectContaining({ line: 8, column: "order_total", lines: [7, 8] }),
    ]);
    expect(byOrder("2002")[0]?.message).toMatch(/"49.28" vs "59.28"/);
    expect(byOrder("2005")).toEqual([
      expect.objectContaining({
        line: 12,
        column: "timestamp",
        message: expect.stringMatching(/unparseable date "yesterday"/),
      }),
    ]);
    expect(byOrder("2006")).toEqual([
      expect.objectContaining({
        line: 13,
        column: "order_total",
        message: expect.stringMatching(/not a number: "12,50"/),
      }),
    ]);
    expect(byOrder(null)).toEqual([
      expect.objectContaining({
        line: 14,
        column: "order_number",
        message: "missing order number",
      }),
    ]);
    expect(byOrder("2007")).toEqual([expect.objectContaining({ line: 15, column: "quantity" })]);
    expect(byOrder("2008")).toEqual([
      expect.objectContaining({
        line: 16,
        column: null,
        message: expect.stringMatching(/expected 106 fields, found 103/),
      }),
    ]);
    expect(byOrder("2001")).toEqual([
      expect.objectContaining({
        line: 17,
        column: "order_number",
        message: expect.stringMatching(/first seen on line 2/),
      }),
    ]);
    expect(rowsRead).toBe(15);
    expect(rowsRejected).toBe(8);
  });

  it("does report a truncated last line and still yield the earlier orders", async () => {
    const { orders, rejected } = await collect(
      readFileSync(fixture("ecwid-truncated.csv"), "utf8"),
    );
    expect(orders.map((o) => o.orderNumber)).toEqual(["1003", "1002"]);
    expect(rejected).toEqual([
      expect.objectContaining({
        line: 7,
        orderNumber: "1001",
        message: expect.stringMatching(/unterminated quoted field/),
      }),
    ]);
  });

  it("does stop with an issue instead of buffering the file after an unterminated quote", async () => {
    const good = readFileSync(fixture("ecwid-reference.csv"), "utf8");
    const broken = `${good}999;"never closed\n${"filler line\n".repeat(2000)}`;
    const { orders, rejected } = await collect(broken, { chunkChars: 1024, maxRecordChars: 4096 });
    expect(orders.map((o) => o.orderNumber)).toEqual(["1003", "1002", "1001"]);
    expect(rejected).toEqual([
      expect.objectContaining({
        line: 9,
        message: expect.stringMatching(/rest of the file was not read/),
      }),
    ]);
  });

  it("does reject the open order when the unterminated record belongs to it", async () => {
    const good = readFileSync(fixture("ecwid-reference.csv"), "utf8");
    const broken = `${good}1001;"never closed\n${"filler line\n".repeat(2000)}`;
    const { orders, rejected } = await collect(broken, { chunkChars: 1024, maxRecordChars: 4096 });
    expect(orders.map((o) => o.orderNumber)).toEqual(["1003", "1002"]);
    expect(rejected.map((issue) => [issue.line, issue.orderNumber])).toEqual([
      [9, null],
      [9, "1001"],
    ]);
  });

  it("does parse Shopify's export with order fields only on the first row", async () => {
    const { orders, rejected } = await collect(createReadStream(fixture("shopify-reference.csv")));
    expect(rejected).toEqual([]);
    expect(orders.map((o) => [o.orderNumber, o.items.length, o.lines])).toEqual([
      ["#1001", 2, [2, 3]],
      ["#1002", 1, [4]],
    ]);
    expect(orders[0]).toMatchObject({
      placedAt: new Date("2026-01-06T19:15:00Z"),
      email: "jane.doe@example.com",
      paymentStatusCode: "PAID",
      fulfillmentStatusCode: "UNFULFILLED",
      phone: "+16155550101",
    });
    expect(orders[0]?.total.toFixed(2)).toBe("61.88");
    expect(orders[0]?.items[1]?.total.toFixed(2)).toBe("20.00");
    expect(orders[1]?.discount?.toFixed(2)).toBe("7.50");
  });

  it("does map columns by a user-supplied mapping (tab-separated, unknown columns ignored)", async () => {
    const { orders, rejected } = await collect(createReadStream(fixture("custom-mapping.csv")), {
      timeZone: "Europe/Berlin",
      mapping: {
        orderNumber: "Order No",
        placedAt: "Order Date",
        email: "Buyer Email",
        total: "Grand Total",
        itemName: "Product",
        itemQuantity: "Qty",
        itemPrice: "Unit Price",
      },
    });
    expect(rejected).toEqual([]);
    expect(orders.map((o) => [o.orderNumber, o.items.length, o.email])).toEqual([
      ["A-17", 2, "kim.sample@example.com"],
      ["A-18", 1, "max.tester@example.com"],
    ]);
    expect(orders[0]?.placedAt.toISOString()).toBe("2026-02-03T13:05:00.000Z");
    expect(orders[0]?.rows[0]?.Warehouse).toBe("West");
  });

  it("does name the headers a mapping needs but the file lacks", async () => {
    const error = await parseError(createReadStream(fixture("custom-mapping.csv")), {
      format: "mapping",
      mapping: {
        orderNumber: "Order No",
        placedAt: "Created",
        total: "Grand Total",
        itemName: "Product",
        itemQuantity: "Quantity",
        itemPrice: "Unit Price",
      },
    });
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("BAD_INPUT");
    expect((error as DomainError).message).toMatch(/"Created", "Quantity"/);
  });

  it("does fail with BAD_INPUT 'the file is empty' on an empty file", async () => {
    const error = await parseError(createReadStream(fixture("empty.csv")), {
      fileName: "orders.csv",
    });
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe('"orders.csv": the file is empty');
    expect(((await parseError("\uFEFF\n\n")) as DomainError).message).toMatch(/the file is empty/);
  });

  it("does reject binary data and JSON with a clear BAD_INPUT error", async () => {
    const png = (await parseError(createReadStream(fixture("not-csv.png")))) as DomainError;
    expect(png.code).toBe("BAD_INPUT");
    expect(png.message).toMatch(/not a CSV text file/);
    const json = (await parseError(createReadStream(fixture("not-csv.json")))) as DomainError;
    expect(json.message).toMatch(/looks like JSON/);
  });

  it("does name the expected columns when the header is not an order export", async () => {
    const error = (await parseError("id,first_name,last_name\n1,a,b\n")) as DomainError;
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toMatch(/order_number, timestamp/);
    expect(error.message).toMatch(/Name, Created at/);
  });

  it("does yield a single empty batch for a header-only file", async () => {
    const header = readFileSync(fixture("ecwid-reference.csv"), "utf8").split("\n")[0];
    const { batches } = await collect(`${header}\n`);
    expect(batches).toEqual([
      { orders: [], rejected: [], rowsRead: 0, rowsRejected: 0, format: "ecwid" },
    ]);
  });

  it("does refuse a file that ends inside its header row, naming the columns lost (half a header imported as ok with 0 rows)", async () => {
    const header = readFileSync(fixture("ecwid-reference.csv"), "utf8").split("\n")[0] ?? "";
    const cut = header.indexOf(";order_tax_2_value") + ";order_tax_2_v".length;
    for (const [text, lost] of [
      [
        header.slice(0, cut),
        /missing column\(s\) "discount", "X-series Order ID", "accept_marketing"$/,
      ],
      [`\uFEFF${header}`, /cut short$/],
    ] as const) {
      const error = (await parseError(text, { fileName: "orders.csv" })) as DomainError;
      expect(error).toBeInstanceOf(DomainError);
      expect(error.code).toBe("BAD_INPUT");
      expect(error.message).toMatch(
        /^"orders.csv" is not a complete eCom order export: it ends inside its header row \(no line break after line 1\), so it was cut short/,
      );
      expect(error.message).toMatch(lost);
    }
    // A header that names no known format keeps its message.
    const unknown = (await parseError("id,first_name", { fileName: "x.csv" })) as DomainError;
    expect(unknown.message).toMatch(/^"x.csv" is not a recognisable order export/);
  });

  it("does stream a generated 20,000-row export in batches with exact counts and line numbers", async () => {
    const records = [...generateEcomExport({ orders: 10_500, seed: 7 })];
    const dataRows = records.length - 1;
    const physicalLines = records.reduce((sum, r) => sum + r.split("\n").length - 1, 0);
    expect(dataRows).toBeGreaterThanOrEqual(19_000);
    let orders = 0;
    let batches = 0;
    let lastLine = 0;
    let rowsRead = 0;
    let maxBatch = 0;
    const source = Readable.from(records.map((r) => Buffer.from(r)));
    for await (const batch of parseEcomCsv(source, {
      ...options,
      batchSize: 1000,
      chunkChars: 1 << 14,
    })) {
      batches++;
      orders += batch.orders.length;
      maxBatch = Math.max(maxBatch, batch.orders.length);
      expect(batch.rejected).toEqual([]);
      for (const order of batch.orders) {
        expect(order.lines[0]).toBeGreaterThan(lastLine);
        lastLine = order.lines.at(-1) ?? lastLine;
      }
      rowsRead = batch.rowsRead;
    }
    expect(orders).toBe(10_500);
    expect(rowsRead).toBe(dataRows);
    expect(batches).toBeGreaterThan(10);
    expect(maxBatch).toBe(1000);
    // The last record starts on the line after all previous records' lines.
    expect(lastLine).toBeLessThanOrEqual(physicalLines);
    expect(lastLine).toBeGreaterThan(physicalLines - 3);
  });
});

describe("generateEcomExport", () => {
  it("does produce the same export for the same seed", () => {
    const a = [...generateEcomExport({ orders: 50, seed: 3 })].join("");
    const b = [...generateEcomExport({ orders: 50, seed: 3 })].join("");
    expect(a).toBe(b);
    expect(a.startsWith("order_number;email;sku;")).toBe(true);
  });
});
