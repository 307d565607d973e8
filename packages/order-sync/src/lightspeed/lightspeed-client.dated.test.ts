// The client in date-version mode over real HTTP against a small hand-written stand-in that
// answers only `/api/2026-07/...` in the date-based shapes (reference §5.9, §6).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDomainError } from "../errors";
import { createLightspeedClient } from "./lightspeed-client";
import { buildDatedCustomer, buildDatedSale } from "./testing/dated-fixtures";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./testing/loopback-server";

const token = "test-token-dated";
let server: LoopbackServer;
let sales: Array<Record<string, unknown>>;
/** The envelope's `version` object; null to leave it out (the pager then reads the records). */
let envelope: boolean;

const versionOf = (sale: Record<string, unknown>) =>
  Number((sale._metadata as { version: number }).version);

beforeEach(async () => {
  envelope = true;
  sales = Array.from({ length: 7 }, (_, index) =>
    buildDatedSale({ id: `sale-${index}`, _metadata: { version: 100 + index * 5 } }),
  );
  const customer = buildDatedCustomer();
  server = await startLoopbackServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      return sendJson(response, 401, { error: "Unauthorized", message: "bad token" });
    }
    const path = request.url.pathname;
    if (path === "/api/2026-07/sales") {
      const after = Number(request.url.searchParams.get("after") ?? 0);
      const size = Number(request.url.searchParams.get("page_size"));
      const data = sales.filter((sale) => versionOf(sale) > after).slice(0, size);
      const versions = data.map(versionOf);
      const version = data.length
        ? { min: Math.min(...versions), max: Math.max(...versions) }
        : { min: null, max: null };
      return sendJson(response, 200, envelope ? { data, version } : { data });
    }
    if (path === "/api/2026-07/sales/sale-3") return sendJson(response, 200, { data: sales[3] });
    if (path === `/api/2026-07/customers/${customer.id}`) {
      if (request.method === "PUT") Object.assign(customer, JSON.parse(request.body) as object);
      return sendJson(response, 200, { data: customer });
    }
    if (path === "/api/2026-07/customer_groups") {
      return sendJson(response, 200, {
        data: [{ id: "g1", name: "All Customers", group_id: "1111111111", version: 29483 }],
        version: { min: 29483, max: 29483 },
      });
    }
    sendJson(response, 404, { error: "Not Found" });
  });
});

afterEach(async () => {
  await server.close();
});

const connect = (apiVersion = "2026-07") =>
  createLightspeedClient({ baseUrl: server.baseUrl, token, apiVersion, pageSize: 3 });

describe("createLightspeedClient with a date version", () => {
  it("pages date-based sales by the cursor in _metadata.version, read into domain sales", async () => {
    const client = connect();
    const pages = [];
    for await (const page of client.listSales()) pages.push(page);
    expect(pages.map((page) => page.after)).toEqual([110, 125, 130]);
    const read = pages.flatMap((page) => page.records);
    expect(read.map((record) => record.data.version)).toEqual(sales.map(versionOf));
    expect(read[0]?.data).toMatchObject({ register_id: expect.any(String), state: "closed" });
    expect(read[0]?.data.sale_date.toISOString()).toBe("2026-01-05T21:09:56.000Z");
    // The mirror stores what Lightspeed sent, not our reading of it.
    expect(read[0]?.raw).toEqual(sales[0]);
    expect(server.requests.map((request) => request.url.pathname)).toEqual(
      Array(4).fill("/api/2026-07/sales"),
    );
  });

  it("moves the cursor by the records' _metadata.version when the list has no version object", async () => {
    envelope = false;
    const pages = [];
    for await (const page of connect().listSales()) pages.push(page.after);
    expect(pages).toEqual([110, 125, 130]);
  });

  it("moves past a malformed date-based sale and reports it by id, version and field paths", async () => {
    sales[1] = { ...sales[1], date: "not a date" };
    const malformed = [];
    for await (const page of connect().listSales()) malformed.push(...page.malformed);
    expect(malformed).toEqual([
      {
        id: "sale-1",
        version: 105,
        issues: [{ path: "date", message: "expected a UTC timestamp" }],
      },
    ]);
  });

  it("fetches one sale, and the documented customer, and sets a customer group by PUT", async () => {
    const client = connect();
    expect((await client.fetchSale("sale-3")).data.version).toBe(115);
    const customer = buildDatedCustomer();
    const fetched = await client.fetchCustomer(String(customer.id));
    expect(fetched.data).toMatchObject({ email: "sam@example.com", version: 2691964626 });
    expect(fetched.data.loyalty_balance?.toString()).toBe("8.60337");
    const updated = await client.setCustomerGroup({
      customerId: String(customer.id),
      customerGroupId: "g1",
    });
    expect(updated.data.customer_group_id).toBe("g1");
    const groups = await client.fetchCustomerGroups();
    expect(groups.records.map((record) => record.data.name)).toEqual(["All Customers"]);
    expect(server.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "GET /api/2026-07/sales/sale-3",
      `GET /api/2026-07/customers/${customer.id}`,
      `PUT /api/2026-07/customers/${customer.id}`,
      "GET /api/2026-07/customer_groups",
      "GET /api/2026-07/customer_groups",
    ]);
  });

  it("refuses a version that is neither 2.0 nor YYYY-MM", () => {
    for (const apiVersion of ["2026-13", "2026-7", "3.0", "latest", ""]) {
      let error: unknown;
      try {
        connect(apiVersion);
      } catch (caught) {
        error = caught;
      }
      expect(isDomainError(error) && error.code, apiVersion).toBe("CONFIG");
    }
  });
});
