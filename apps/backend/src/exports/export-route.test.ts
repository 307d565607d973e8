// The CSV exports over HTTP on a real database: operator tokens only, the header and rows of each
// list as its own query answers it, cells with quotes, commas and formulas written safely, and no
// customer's contact data in the logs.
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { getAtRiskCustomers, getTopCustomers } from "../analytics/store-views";
import { listCustomers } from "../customers/list-customers";
import { DAY, HOUR, ingestAndAnalyze } from "../customers/testing/customer-fixtures";
import { createApp } from "../http/app";
import { createLogger } from "../logger";
import { createCapturedMail } from "../mail/testing/captured-mail";
import { emptyStore } from "../merge/testing/merge-harness";
import { listEcomBacklog } from "../monitoring/delays/ecom-backlog";
import { openDatabaseForTest } from "../testing/test-database";
import { testApiEnv, testTokens } from "../trpc/testing/api-test-kit";
import { customersCsvHeader } from "./customers-csv";
import { missingOrdersCsvHeader } from "./missing-orders-csv";
import { atRiskCustomersCsvHeader, topCustomersCsvHeader } from "./ranked-customers-csv";

const cleanup = useTestCleanup();

/**
 * Three customers with in-store sales: one plain, one whose name is a spreadsheet formula, one
 * whose name has quotes and a comma; the plain and the quoted one each have an online order that
 * never reaches X-Series. Maya said yes to marketing at checkout, Ann no; the formula's customer
 * never answered. The app's clock is ten days after the last order.
 */
async function exportingStore() {
  const db = await openDatabaseForTest(cleanup);
  const store = emptyStore(23);
  const maya = store.createCustomer({
    first_name: "Maya",
    last_name: "Lind",
    email: "maya.lind@example.com",
    mobile: "(615) 555-0101",
  });
  const formula = store.createCustomer({
    first_name: '=HYPERLINK("http://evil.example","x")',
    last_name: "Evil",
    email: "evil@example.com",
  });
  const quoted = store.createCustomer({
    first_name: 'Ann "Annie"',
    last_name: "O'Brien, Jr.",
    email: "ann@example.com",
  });
  for (const customer of [maya, formula, quoted]) store.createSale({ customer_id: customer.id });
  store.advanceClock(HOUR);
  store.placeEcomOrder({
    email: "maya.lind@example.com",
    delayMs: 365 * DAY,
    acceptMarketing: true,
  });
  store.advanceClock(2 * DAY);
  store.placeEcomOrder({ email: "ann@example.com", delayMs: 365 * DAY, acceptMarketing: false });
  store.advanceClock(HOUR);
  await ingestAndAnalyze(db, store);
  const now = new Date(store.now().getTime() + 10 * DAY);
  const logLines: string[] = [];
  const app = createApp({
    db,
    logger: createLogger({ level: "debug", destination: { write: (line) => logLines.push(line) } }),
    env: testApiEnv({ MISSING_ORDER_ALERT_DAYS: "3" }),
    mail: createCapturedMail(),
    now: () => now,
  });
  return { db, app, now, logLines };
}

type App = Awaited<ReturnType<typeof exportingStore>>["app"];

async function download(app: App, path: string, who: "viewer" | "operator" | null = "operator") {
  const response = await app.request(path, {
    headers: who ? { authorization: `Bearer ${testTokens[who]}` } : {},
  });
  return { response, text: await response.text() };
}

/** The CSV's lines as cells (the header first), as a spreadsheet would read them back. */
function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe(`CSV exports (${testDatabaseKind})`, () => {
  it("refuses viewers and callers without a token, with no data", async () => {
    const { app } = await exportingStore();
    for (const path of [
      "/api/exports/customers.csv",
      "/api/exports/top-customers.csv",
      "/api/exports/at-risk-customers.csv",
      "/api/exports/missing-orders.csv",
    ]) {
      const asViewer = await download(app, path, "viewer");
      expect(asViewer.response.status).toBe(403);
      expect(JSON.parse(asViewer.text)).toEqual({
        error: { code: "FORBIDDEN", message: "This needs an operator API token." },
      });
      const anonymous = await download(app, path, null);
      expect(anonymous.response.status).toBe(401);
      expect(anonymous.text).not.toContain("example.com");
    }
  });

  it("writes the customers list with its filters and sort, contact data included, safely quoted", async () => {
    const { db, app, logLines } = await exportingStore();
    const { response, text } = await download(
      app,
      "/api/exports/customers.csv?sort=spend&direction=asc",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(text.endsWith("\r\n")).toBe(true);

    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...customersCsvHeader]);
    const list = await listCustomers(
      db,
      { sort: "spend", direction: "asc", limit: 100 },
      { defaultRegion: "US" },
    );
    expect(rows.map((row) => row[0])).toEqual(list.items.map((item) => item.customerId));
    expect(rows).toHaveLength(3);
    const byEmail = new Map(rows.map((row) => [row[2], row]));

    const maya = list.items.find((item) => item.email === "maya.lind@example.com");
    expect(byEmail.get("maya.lind@example.com")).toEqual([
      maya?.customerId,
      "Maya Lind",
      "maya.lind@example.com",
      // E.164 starts with "+", which a spreadsheet would evaluate: kept as text by the ' prefix.
      `'${maya?.phone}`,
      maya?.tier ?? "",
      maya?.rfmSegment ?? "",
      maya?.inactiveSegment ?? "",
      maya?.isVIP ? "yes" : "no",
      String(maya?.orderCount),
      maya?.lifetimeValue?.toFixed(2),
      maya?.rolling90DaySpend?.toFixed(2),
      maya?.predictedClv365d === null || maya?.predictedClv365d === undefined
        ? ""
        : maya.predictedClv365d.toFixed(Math.max(2, maya.predictedClv365d.decimalPlaces())),
      maya?.lastOrderDate?.toISOString(),
      "granted",
    ]);
    // Whether each may be emailed: Ann said no at checkout; nobody asked the formula's customer.
    expect(rows.map((row) => [row[2], row.at(-1)]).sort()).toEqual([
      ["ann@example.com", "denied"],
      ["evil@example.com", "unknown"],
      ["maya.lind@example.com", "granted"],
    ]);
    // A formula stays text; quotes and a comma survive the round trip.
    expect(byEmail.get("evil@example.com")?.[1]).toBe(
      `'=HYPERLINK("http://evil.example","x") Evil`,
    );
    expect(byEmail.get("ann@example.com")?.[1]).toBe(`Ann "Annie" O'Brien, Jr.`);
    expect(text).toContain(`"Ann ""Annie"" O'Brien, Jr."`);

    // The search (here an email) and the tier narrow the file as they narrow the list.
    const searched = parseCsv(
      (await download(app, "/api/exports/customers.csv?search=maya.lind%40example.com")).text,
    );
    expect(searched.slice(1).map((row) => row[2])).toEqual(["maya.lind@example.com"]);
    const tier = maya?.tier ?? "";
    expect(tier).not.toBe("");
    const tiered = parseCsv(
      (await download(app, `/api/exports/customers.csv?tier=${encodeURIComponent(tier)}`)).text,
    );
    const inTier = await listCustomers(db, { tier, limit: 100 }, { defaultRegion: "US" });
    expect(tiered.slice(1).map((row) => row[0])).toEqual(
      inTier.items.map((item) => item.customerId),
    );
    expect(tiered.slice(1).every((row) => row[4] === tier)).toBe(true);

    // The export is logged, its contents are not.
    expect(
      logLines.some(
        (line) => line.includes('"CSV export"') && line.includes('"staff":"test-operator"'),
      ),
    ).toBe(true);
    expect(logLines.join("\n")).not.toMatch(/maya\.lind|555-0101|O'Brien/u);
  });

  it("refuses a parameter it does not know the value of, in words", async () => {
    const { app } = await exportingStore();
    const { response, text } = await download(app, "/api/exports/customers.csv?sort=shoe-size");
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "BAD_INPUT" } });
    expect(
      (await download(app, "/api/exports/top-customers.csv?limit=100000")).response.status,
    ).toBe(400);
  });

  it("writes the missing orders oldest first, with customer, total and age", async () => {
    const { db, app, now } = await exportingStore();
    const { response, text } = await download(app, "/api/exports/missing-orders.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/filename="missing-orders-/u);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...missingOrdersCsvHeader]);
    const backlog = await listEcomBacklog(db, { now, minAgeDays: 3 });
    expect(backlog).toHaveLength(2);
    expect(rows).toEqual(
      backlog.map((order) => [
        order.ecomOrderNumber,
        order.placedAt.toISOString(),
        String(order.ageDays),
        order.customerId,
        order.customerName,
        order.total.toFixed(2),
      ]),
    );
    expect(rows.map((row) => [row[2], row[4]])).toEqual([
      ["12", "Maya Lind"],
      ["10", `Ann "Annie" O'Brien, Jr.`],
    ]);
    // `days` as the list's selector sets it: none is 11 days or more but Maya's.
    const older = parseCsv((await download(app, "/api/exports/missing-orders.csv?days=11")).text);
    expect(older.slice(1).map((row) => row[4])).toEqual(["Maya Lind"]);
  });

  it("writes the top and at-risk customers in the Overview's order, with their contacts", async () => {
    const { db, app } = await exportingStore();
    const top = parseCsv(
      (await download(app, "/api/exports/top-customers.csv?by=totalSpend&limit=2")).text,
    );
    expect(top[0]).toEqual([...topCustomersCsvHeader]);
    const expected = await getTopCustomers(db, { by: "totalSpend", limit: 2 });
    expect(top.slice(1).map((row) => [row[0], row[1], row[6]])).toEqual(
      expected.customers.map((customer, index) => [
        String(index + 1),
        customer.customerId,
        customer.totalSpend,
      ]),
    );
    expect(top.slice(1).every((row) => row[3]?.endsWith("@example.com"))).toBe(true);
    const consentOf = new Map([
      ["maya.lind@example.com", "granted"],
      ["ann@example.com", "denied"],
      ["evil@example.com", "unknown"],
    ]);
    for (const row of top.slice(1)) expect(row.at(-1)).toBe(consentOf.get(row[3] ?? ""));

    const atRisk = parseCsv((await download(app, "/api/exports/at-risk-customers.csv")).text);
    expect(atRisk[0]).toEqual([...atRiskCustomersCsvHeader]);
    const risky = await getAtRiskCustomers(db, { limit: 100 });
    expect(atRisk.slice(1).map((row) => row[1])).toEqual(
      risky.customers.map((customer) => customer.customerId),
    );
    for (const row of atRisk.slice(1)) expect(row.at(-1)).toBe(consentOf.get(row[3] ?? ""));
  });
});
