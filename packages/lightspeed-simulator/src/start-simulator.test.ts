import Papa from "papaparse";
import { afterEach, describe, expect, it } from "vitest";
import type { Sale } from "./resource-types";
import { type RunningSimulator, startSimulator } from "./start-simulator";

const running: RunningSimulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function start(options: Parameters<typeof startSimulator>[0] = {}) {
  const sim = await startSimulator({
    store: { customers: 10, inStoreSales: 30, ecomOrders: 10, months: 1 },
    ...options,
  });
  running.push(sim);
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${sim.baseUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${sim.token}`,
        "Content-Type": "application/json",
        ...init.headers,
      },
    });
  return { sim, call };
}

describe("startSimulator", () => {
  it("serves the API over loopback with the documented defaults", async () => {
    const { sim, call } = await start({ seed: 3 });
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.token).toBe("sim-token-3");
    expect(sim.domainPrefix).toBe("greenloopdemo");
    const res = await call("/api/2.0/sales?page_size=5");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("date")).toBe("Thu, 01 Jan 2026 00:00:00 GMT");
    const page = (await res.json()) as { data: Sale[] };
    expect(page.data).toHaveLength(5);
    expect((await fetch(`${sim.baseUrl}/api/2.0/sales`)).status).toBe(401);
  });

  it("drives the store through the /_sim control API", async () => {
    const { sim, call } = await start();
    const created = await call("/_sim/sales", {
      method: "POST",
      body: JSON.stringify({ payment: "card" }),
    });
    expect(created.status).toBe(201);
    const sale = ((await created.json()) as { data: Sale }).data;
    expect(sale.payments[0]?.name).toBe("Credit Card");

    const order = (await (
      await call("/_sim/ecom/orders", { method: "POST", body: JSON.stringify({ delayMs: 60_000 }) })
    ).json()) as { data: { orderNumber: string } };
    const advanced = await call("/_sim/clock/advance", {
      method: "POST",
      body: JSON.stringify({ ms: 60_000 }),
    });
    expect(await advanced.json()).toEqual({ now: "2026-01-01T00:01:00+00:00" });
    expect(sim.store.sales().some((s) => s.source_id === order.data.orderNumber)).toBe(true);

    const csv = await (await call("/_sim/ecom/export.csv")).text();
    const rows = Papa.parse<Record<string, string>>(csv, {
      delimiter: ";",
      header: true,
      skipEmptyLines: true,
    });
    expect(rows.data.some((row) => row.order_number === order.data.orderNumber)).toBe(true);

    await call("/_sim/faults/fail", {
      method: "POST",
      body: JSON.stringify({ count: 1, status: 502 }),
    });
    expect((await call("/api/2.0/outlets")).status).toBe(502);
    expect((await call("/api/2.0/outlets")).status).toBe(200);

    const state = (await (await call("/_sim/state")).json()) as { sales: number };
    expect(state.sales).toBe(sim.store.sales().length);
    expect((await call("/_sim/clock/advance", { method: "POST", body: "{}" })).status).toBe(400);
  });

  it("closes cleanly even with the background loop running", async () => {
    const sim = await startSimulator({
      store: { customers: 0, inStoreSales: 0, ecomOrders: 0 },
      webhook: { url: "http://127.0.0.1:9/never" },
      clock: "real",
    });
    await sim.close();
    await expect(fetch(`${sim.baseUrl}/api/2.0/outlets`)).rejects.toThrow();
  });
});
