// Middleware in front of /api/*: response delay fault, simulated `Date`, bearer auth, the rate
// limiter and injected 5xx failures — in the order a real gateway would apply them.
import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { errorResponse } from "./api-error-response";
import type { SimulatedStore } from "./simulated-store";
import { formatHttpDate } from "./wire-format";

/** Real-time delay for client timeout tests (the only real-time wait in the simulator). */
export function responseDelay(store: SimulatedStore): MiddlewareHandler {
  return async (_c, next) => {
    const delay = store.faults.responseDelayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    await next();
  };
}

/**
 * `Date` carries the simulated time, so a client can turn the HTTP-date `Retry-After` into a wait
 * (Retry-After − Date) even when the simulated clock is far from the wall clock.
 */
export function simulatedDateHeader(store: SimulatedStore): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set("Date", formatHttpDate(store.clock.nowMs()));
  };
}

export function bearerAuth(store: SimulatedStore): MiddlewareHandler {
  const expected = Buffer.from(`Bearer ${store.token}`);
  return async (c, next) => {
    const given = Buffer.from(c.req.header("authorization") ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // The exact upstream 401 body is UNCONFIRMED; we use the common error envelope.
      return errorResponse(c, 401, "A valid bearer token is required");
    }
    await next();
  };
}

/** Reference §7: limit headers on every response, 429 with an HTTP-date `Retry-After`. */
export function rateLimit(store: SimulatedStore): MiddlewareHandler {
  return async (c, next) => {
    const decision = store.rateLimiter.take(store.clock.nowMs());
    if (!decision.allowed) {
      const retryAt = Math.ceil(decision.retryAtMs / 1000) * 1000;
      c.header("X-RateLimit-Limit", String(decision.limit));
      c.header("X-RateLimit-Remaining", "0");
      c.header("Retry-After", formatHttpDate(retryAt));
      return c.json({ error: "Too Many Requests", message: "Rate limiting enforced" }, 429);
    }
    await next();
    c.res.headers.set("X-RateLimit-Limit", String(decision.limit));
    c.res.headers.set("X-RateLimit-Remaining", String(decision.remaining));
  };
}

export function injectedFailures(store: SimulatedStore): MiddlewareHandler {
  return async (c, next) => {
    const status = store.faults.takeFailure();
    if (status !== null) {
      return errorResponse(c, status as ContentfulStatusCode, "Injected fault (simulator)");
    }
    await next();
  };
}

/** Time-driven housekeeping (eCom orders due in a real-time clock) before answering. */
export function tickStore(store: SimulatedStore): MiddlewareHandler {
  return async (_c, next) => {
    store.tick();
    await next();
  };
}
