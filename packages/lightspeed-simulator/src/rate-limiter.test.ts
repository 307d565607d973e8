import { describe, expect, it } from "vitest";
import { createSimulatorApp } from "./create-simulator-app";
import { defaultRateLimit, RateLimiter } from "./rate-limiter";
import { SimulatedStore } from "./simulated-store";

const empty = { customers: 0, inStoreSales: 0, ecomOrders: 0 };

describe("RateLimiter", () => {
  it("defaults to 300 per register plus 50 per five minutes", () => {
    const store = new SimulatedStore({ store: empty });
    expect(defaultRateLimit(1)).toBe(350);
    expect(store.rateLimiter.limit).toBe(300 * store.registers().length + 50);
    expect(store.rateLimiter.windowMs).toBe(300_000);
  });

  it("counts in a fixed window and reopens when the window has passed", () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.take(0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.take(10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take(999)).toMatchObject({ allowed: false, retryAtMs: 1000 });
    expect(limiter.take(1000)).toMatchObject({ allowed: true, remaining: 1 });
  });
});

describe("rateLimit", () => {
  it("answers 429 with an HTTP-date Retry-After and recovers after advanceClock", async () => {
    const store = new SimulatedStore({ store: empty, rateLimit: { limit: 3 } });
    const app = createSimulatorApp(store);
    const get = () =>
      app.request("/api/2.0/outlets", { headers: { Authorization: `Bearer ${store.token}` } });

    const first = await get();
    expect(first.headers.get("X-RateLimit-Limit")).toBe("3");
    expect(first.headers.get("X-RateLimit-Remaining")).toBe("2");
    await get();
    await get();
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      error: "Too Many Requests",
      message: "Rate limiting enforced",
    });
    const retryAfter = limited.headers.get("Retry-After") ?? "";
    expect(retryAfter).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(Date.parse(retryAfter)).toBe(store.now().getTime() + 300_000);
    // The response Date is simulated time, so Retry-After − Date is the wait.
    expect(Date.parse(limited.headers.get("Date") ?? "")).toBe(store.now().getTime());

    store.advanceClock(299_000);
    expect((await get()).status).toBe(429);
    store.advanceClock(1_000);
    const recovered = await get();
    expect(recovered.status).toBe(200);
    expect(recovered.headers.get("X-RateLimit-Remaining")).toBe("2");
  });

  it("does not count unauthenticated requests or the control API", async () => {
    const store = new SimulatedStore({ store: empty, rateLimit: { limit: 1 } });
    const app = createSimulatorApp(store);
    await app.request("/api/2.0/outlets");
    await app.request("/_sim/state", { headers: { Authorization: `Bearer ${store.token}` } });
    const res = await app.request("/api/2.0/outlets", {
      headers: { Authorization: `Bearer ${store.token}` },
    });
    expect(res.status).toBe(200);
  });
});
