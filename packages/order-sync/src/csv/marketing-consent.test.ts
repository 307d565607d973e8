import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { EcomCsvIssue, ParsedEcomOrder } from "./ecom-order";
import { readMarketingConsent } from "./marketing-consent";
import { parseEcomCsv } from "./parse-ecom-csv";

const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

async function parse(input: Parameters<typeof parseEcomCsv>[0]) {
  const orders: ParsedEcomOrder[] = [];
  const rejected: EcomCsvIssue[] = [];
  for await (const batch of parseEcomCsv(input, { timeZone: "America/Chicago" })) {
    orders.push(...batch.orders);
    rejected.push(...batch.rejected);
  }
  return { orders, rejected };
}

const consentOf = (orders: ParsedEcomOrder[]) =>
  orders.map((order) => [order.orderNumber, order.acceptsMarketing]);

describe("readMarketingConsent", () => {
  it("does read true/yes as yes, false/no as no, a blank as unknown and refuse anything else", () => {
    expect(
      ["true", "YES", " yes ", "false", "No", "", "  ", null].map(readMarketingConsent),
    ).toEqual([true, true, true, false, false, null, null, null]);
    expect(["maybe", "1", "constructor"].map(readMarketingConsent)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("parseEcomCsv acceptsMarketing", () => {
  it("does read the E-Series accept_marketing column (true/false)", async () => {
    const { orders, rejected } = await parse(createReadStream(fixture("ecwid-reference.csv")));
    expect(rejected).toEqual([]);
    expect(consentOf(orders)).toEqual([
      ["1003", true],
      ["1002", false],
      ["1001", true],
    ]);
  });

  it("does read Shopify's Accepts Marketing (yes/no) from the order's first row", async () => {
    const { orders, rejected } = await parse(createReadStream(fixture("shopify-reference.csv")));
    expect(rejected).toEqual([]);
    expect(consentOf(orders)).toEqual([
      ["#1001", true],
      ["#1002", false],
    ]);
  });

  it("does leave consent unknown (null), not no, when the export has no such column", async () => {
    const text = readFileSync(fixture("ecwid-reference.csv"), "utf8");
    const [header = "", ...rest] = text.split("\n");
    const without = header.replace(";accept_marketing;", ";accept_marketing_removed;");
    expect(without).not.toBe(header);
    const { orders, rejected } = await parse([without, ...rest].join("\n"));
    expect(rejected).toEqual([]);
    expect(consentOf(orders)).toEqual([
      ["1003", null],
      ["1002", null],
      ["1001", null],
    ]);
  });

  it("does reject an order whose answer is unreadable, naming its line, column and value", async () => {
    const text = readFileSync(fixture("shopify-reference.csv"), "utf8");
    const broken = text.replace(",unfulfilled,,yes,USD,", ",unfulfilled,,sometimes,USD,");
    expect(broken).not.toBe(text);
    const { orders, rejected } = await parse(broken);
    expect(consentOf(orders)).toEqual([["#1002", false]]);
    expect(rejected).toEqual([
      expect.objectContaining({
        line: 2,
        column: "Accepts Marketing",
        orderNumber: "#1001",
        message:
          'order #1001: "Accepts Marketing" is not a marketing answer: "sometimes" (expected true, false, yes or no)',
      }),
    ]);
  });
});
