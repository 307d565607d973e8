// The client's resource methods over real HTTP against a small hand-written API 2.0 stand-in.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDomainError } from "../errors";
import type { LightspeedEvent } from "./events";
import { createLightspeedClient, type LightspeedClientOptions } from "./lightspeed-client";
import { buildCustomer, buildSale } from "./testing/fixtures";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./testing/loopback-server";

const token = "test-token-abc";
let server: LoopbackServer;
let sales: Array<Record<string, unknown>>;
let customers: Array<Record<string, unknown>>;

function listByVersion(rows: Array<Record<string, unknown>>, query: URLSearchParams) {
  const after = Number(query.get("after") ?? 0);
  const pageSize = Number(query.get("page_size") ?? 100);
  const includeDeleted = query.get("deleted") === "true";
  const data = rows
    .filter((row) => Number(row.version) > after && (includeDeleted || !row.deleted_at))
    .slice(0, pageSize);
  const versions = data.map((row) => Number(row.version));
  return {
    data,
    version: data.length ? { min: Math.min(...versions), max: Math.max(...versions) } : null,
  };
}

beforeEach(async () => {
  sales = Array.from({ length: 25 }, (_, index) =>
    buildSale({ id: `sale-${index}`, version: 100 + index * 3 }),
  );
  customers = [
    buildCustomer({ id: "cust-1", version: 5 }),
    buildCustomer({ id: "cust-2", version: 9, deleted_at: "2026-01-02T00:00:00+00:00" }),
  ];
  server = await startLoopbackServer((request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      sendJson(response, 401, { error: "Unauthorized", message: "bad token" });
      return;
    }
    const path = request.url.pathname;
    const byId = (rows: Array<Record<string, unknown>>, prefix: string) =>
      rows.find((row) => `${prefix}${row.id}` === path);
    if (path === "/api/2.0/sales")
      return sendJson(response, 200, listByVersion(sales, request.url.searchParams));
    if (path === "/api/2.0/customers") {
      return sendJson(response, 200, listByVersion(customers, request.url.searchParams));
    }
    if (path.startsWith("/api/2.0/sales/")) {
      const sale = byId(sales, "/api/2.0/sales/");
      return sale
        ? sendJson(response, 200, { data: sale })
        : sendJson(response, 404, { error: "Not Found" });
    }
    if (path.startsWith("/api/2.0/customers/")) {
      const customer = byId(customers, "/api/2.0/customers/");
      if (!customer) return sendJson(response, 404, { error: "Not Found" });
      if (request.method === "PUT") {
        Object.assign(customer, JSON.parse(request.body) as object, { version: 99 });
      }
      return sendJson(response, 200, { data: customer });
    }
    // Reference lists that ignore `after`, the worst case for a cursor walk.
    if (path === "/api/2.0/customer_groups") {
      return sendJson(response, 200, {
        data: [
          { id: "g1", name: "All Customers", version: 1 },
          { id: "g2", name: "Loyal", version: 2 },
        ],
        version: { min: 1, max: 2 },
      });
    }
    if (path === "/api/2.0/registers") {
      return sendJson(response, 200, { data: [{ id: "r1", name: "Online", outlet_id: "o1" }] });
    }
    if (path === "/api/2.0/outlets") {
      return sendJson(response, 200, { data: [{ id: "o1", name: "Main" }, { name: "no id" }] });
    }
    sendJson(response, 404, { error: "Not Found" });
  });
});

afterEach(async () => {
  await server.close();
});

function createClient(overrides: Partial<LightspeedClientOptions> = {}) {
  const events: LightspeedEvent[] = [];
  const client = createLightspeedClient({
    baseUrl: server.baseUrl,
    token,
    sleep: async () => {},
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

describe("createLightspeedClient", () => {
  it("lists all sales page by page with the cursor to resume from", async () => {
    const { client } = createClient({ pageSize: 10 });
    const pages = [];
    for await (const page of client.listSales()) pages.push(page);
    expect(pages.map((page) => page.records.length)).toEqual([10, 10, 5]);
    expect(pages.map((page) => page.after)).toEqual([127, 157, 172]);
    expect(pages[0]?.records[0]?.data.total_price.toString()).toBe("200");
    expect(server.requests.map((request) => request.url.searchParams.get("after"))).toEqual([
      "0",
      "127",
      "157",
      "172",
    ]);
    expect(server.requests[0]?.url.searchParams.get("page_size")).toBe("10");
  });

  it("resumes from a saved cursor and sees later changes", async () => {
    const { client } = createClient({ pageSize: 10 });
    let saved = 0;
    for await (const page of client.listSales()) {
      saved = page.after;
      break;
    }
    sales.push(buildSale({ id: "sale-new", version: 500 }));
    const ids: string[] = [];
    for await (const page of client.listSales({ after: saved, pageSize: 100 })) {
      ids.push(...page.records.map((record) => record.data.id));
    }
    expect(ids).toHaveLength(16);
    expect(ids[0]).toBe("sale-10");
    expect(ids.at(-1)).toBe("sale-new");
  });

  it("reports a malformed sale, skips it and keeps paging", async () => {
    sales[3] = { ...sales[3], total_price: "not money", sale_date: null };
    const { client, events } = createClient({ pageSize: 10 });
    const ids: string[] = [];
    const malformed = [];
    for await (const page of client.listSales()) {
      ids.push(...page.records.map((record) => record.data.id));
      malformed.push(...page.malformed);
    }
    expect(ids).toHaveLength(24);
    expect(ids).not.toContain("sale-3");
    expect(malformed).toEqual([
      {
        id: "sale-3",
        version: 109,
        issues: [
          { path: "total_price", message: "expected a decimal amount" },
          { path: "sale_date", message: "Invalid input: expected string, received null" },
        ],
      },
    ]);
    expect(events).toEqual([{ type: "malformed-record", resource: "sales", ...malformed[0] }]);
  });

  it("asks for deleted customers when told to", async () => {
    const { client } = createClient();
    const withoutDeleted = [];
    for await (const page of client.listCustomers()) withoutDeleted.push(...page.records);
    const withDeleted = [];
    for await (const page of client.listCustomers({ deleted: true }))
      withDeleted.push(...page.records);
    expect(withoutDeleted.map((record) => record.data.id)).toEqual(["cust-1"]);
    expect(withDeleted.map((record) => record.data.id)).toEqual(["cust-1", "cust-2"]);
    expect(withDeleted[1]?.data.deleted_at?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect(server.requests.at(-2)?.url.searchParams.get("deleted")).toBe("true");
  });

  it("fetches one sale and one customer", async () => {
    const { client } = createClient();
    const sale = await client.fetchSale("sale-7");
    expect(sale.data.version).toBe(121);
    expect(sale.raw).toMatchObject({ id: "sale-7", total_price: 200 });
    const customer = await client.fetchCustomer("cust-1");
    expect(customer.data.loyalty_balance?.toString()).toBe("8.60337");
  });

  it("fails NOT_FOUND for an unknown sale", async () => {
    const { client } = createClient();
    await expect(client.fetchSale("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("fails INTERNAL for a malformed single record", async () => {
    sales[0] = { ...sales[0], version: "v1" };
    const { client } = createClient();
    const error = await client.fetchSale("sale-0").catch((caught: unknown) => caught);
    expect(isDomainError(error) && error.code).toBe("INTERNAL");
    expect(isDomainError(error) && error.details).toMatchObject({
      id: "sale-0",
      resource: "sales",
    });
  });

  it("sets a customer's group with a PUT of that field only", async () => {
    const { client } = createClient();
    const updated = await client.setCustomerGroup({ customerId: "cust-1", customerGroupId: "g2" });
    expect(updated.data.customer_group_id).toBe("g2");
    expect(updated.data.version).toBe(99);
    const put = server.requests.at(-1);
    expect(put?.method).toBe("PUT");
    expect(put?.url.pathname).toBe("/api/2.0/customers/cust-1");
    expect(JSON.parse(put?.body ?? "")).toEqual({ customer_group_id: "g2" });
  });

  it("reads reference lists whole, even when the endpoint ignores the cursor", async () => {
    const { client } = createClient();
    const groups = await client.fetchCustomerGroups();
    expect(groups.records.map((record) => record.data.name)).toEqual(["All Customers", "Loyal"]);
    const registers = await client.fetchRegisters();
    expect(registers.records.map((record) => record.data.outlet_id)).toEqual(["o1"]);
    const outlets = await client.fetchOutlets();
    expect(outlets.records).toHaveLength(1);
    expect(outlets.malformed).toEqual([
      { id: null, version: null, issues: [{ path: "id", message: expect.any(String) }] },
    ]);
  });

  it("fails UNAUTHORIZED with a wrong token and never reveals it", async () => {
    const { client } = createClient({ token: "wrong-token-xyz" });
    const error = await client.fetchSale("sale-1").catch((caught: unknown) => caught);
    expect(isDomainError(error) && error.code).toBe("UNAUTHORIZED");
    expect(JSON.stringify(error)).not.toContain("wrong-token-xyz");
  });

  it("builds the store URL from the domain prefix", async () => {
    const urls: string[] = [];
    const client = createLightspeedClient({
      domainPrefix: "TestStore",
      token,
      fetch: async (input) => {
        urls.push(input);
        return new Response(JSON.stringify({ data: [] }), { status: 200 });
      },
    });
    for await (const _page of client.listSales()) {
      // No pages: the store is empty.
    }
    expect(urls).toEqual([
      "https://teststore.retail.lightspeed.app/api/2.0/sales?after=0&page_size=200",
    ]);
  });

  it("refuses a missing or unsafe domain prefix", () => {
    expect(() => createLightspeedClient({ token })).toThrow("domain prefix");
    expect(() => createLightspeedClient({ token, domainPrefix: "evil.com/x" })).toThrow(
      "domain prefix",
    );
  });
});
