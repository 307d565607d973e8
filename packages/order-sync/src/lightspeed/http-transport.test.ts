// Transport edge cases over real HTTP on loopback; `sleep` and `now` are injected so nothing waits
// in real time except the deliberately tiny timeout test.
import { afterEach, describe, expect, it } from "vitest";
import { type DomainError, isDomainError } from "../errors";
import { defaultRetryPolicy } from "./backoff";
import type { LightspeedEvent } from "./events";
import { createHttpTransport, type HttpTransportOptions } from "./http-transport";
import { defaultRateLimitPolicy } from "./rate-limit";
import type { LightspeedResponseObservation } from "./response-observer";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./testing/loopback-server";

const token = "lsxs_pt_TEST_TOKEN_123";
const start = Date.parse("2026-01-05T12:00:00Z");
let server: LoopbackServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function setup(overrides: Partial<HttpTransportOptions> = {}) {
  const waits: number[] = [];
  const events: LightspeedEvent[] = [];
  let clock = start;
  const transport = createHttpTransport({
    baseUrl: server?.baseUrl ?? "http://127.0.0.1:9",
    token,
    fetch: (input, init) => fetch(input, init),
    sleep: async (ms, signal) => {
      waits.push(ms);
      clock += ms;
      signal?.throwIfAborted();
    },
    now: () => clock,
    random: () => 0,
    timeoutMs: 5_000,
    retry: defaultRetryPolicy,
    rateLimit: defaultRateLimitPolicy,
    userAgent: "greenloop-test",
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { transport, waits, events };
}

async function catchError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("createHttpTransport", () => {
  it("sends the bearer token, JSON headers and the query", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, { ok: 1 }));
    const { transport } = setup();
    const body = await transport.requestJson({
      method: "GET",
      path: "/api/2.0/sales",
      query: { after: 5, page_size: 200, before: undefined },
    });
    expect(body).toEqual({ ok: 1 });
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.headers["user-agent"]).toBe("greenloop-test");
    expect(request?.url.pathname).toBe("/api/2.0/sales");
    expect(request?.url.search).toBe("?after=5&page_size=200");
  });

  it("sends a JSON body on PUT", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    const { transport } = setup();
    await transport.requestJson({ method: "PUT", path: "/api/2.0/customers/c1", body: { a: 1 } });
    expect(server.requests[0]?.method).toBe("PUT");
    expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual({ a: 1 });
  });

  it("waits until the Retry-After date after a 429, then succeeds", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server?.requests.length === 1) {
        sendJson(
          response,
          429,
          { error: "Too Many Requests", message: "Rate limiting enforced" },
          {
            Date: new Date(start).toUTCString(),
            "Retry-After": new Date(start + 7000).toUTCString(),
            "X-RateLimit-Limit": "350",
            "X-RateLimit-Remaining": "0",
          },
        );
        return;
      }
      sendJson(
        response,
        200,
        { data: [] },
        { "X-RateLimit-Limit": "350", "X-RateLimit-Remaining": "349" },
      );
    });
    const { transport, waits, events } = setup();
    await expect(transport.requestJson({ method: "GET", path: "/api/2.0/sales" })).resolves.toEqual(
      {
        data: [],
      },
    );
    expect(waits).toEqual([7000]);
    expect(server.requests).toHaveLength(2);
    expect(events).toEqual([
      {
        type: "rate-limit-wait",
        method: "GET",
        path: "/api/2.0/sales",
        delayMs: 7000,
        reason: "retry-after",
        limit: 350,
        remaining: 0,
      },
    ]);
    expect(transport.rateLimit?.remaining).toBe(349);
  });

  it("measures the Retry-After date against the server's Date, not a skewed local clock", async () => {
    const serverNow = Date.parse("2026-03-01T08:00:00Z");
    server = await startLoopbackServer((_request, response) => {
      if (server?.requests.length === 1) {
        sendJson(
          response,
          429,
          {},
          {
            Date: new Date(serverNow).toUTCString(),
            "Retry-After": new Date(serverNow + 4000).toUTCString(),
          },
        );
        return;
      }
      sendJson(response, 200, {});
    });
    const server429 = setup();
    await server429.transport.requestJson({ method: "GET", path: "/api/2.0/sales" });
    expect(server429.waits).toEqual([4000]);

    const local = setup({ rateLimit: { ...defaultRateLimitPolicy, retryAfterClock: "local" } });
    server.requests.length = 0;
    await local.transport.requestJson({ method: "GET", path: "/api/2.0/sales" });
    // Our clock (2026-01-05) is far behind the server's: the local reading over-waits, capped.
    expect(local.waits).toEqual([defaultRateLimitPolicy.maxWaitMs]);
  });

  it("accepts Retry-After in seconds too", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server?.requests.length === 1) {
        sendJson(response, 429, {}, { "Retry-After": "3" });
        return;
      }
      sendJson(response, 200, {});
    });
    const { transport, waits } = setup();
    await transport.requestJson({ method: "GET", path: "/api/2.0/sales" });
    expect(waits).toEqual([3000]);
  });

  it("gives up after too many 429s in a row", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 429, {}, { "Retry-After": "1" }),
    );
    const { transport, waits } = setup({
      rateLimit: { ...defaultRateLimitPolicy, maxRateLimitedAttempts: 2 },
    });
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(waits).toEqual([1000, 1000]);
    expect(server.requests).toHaveLength(3);
  });

  it("retries 5xx with growing backoff, then succeeds", async () => {
    server = await startLoopbackServer((_request, response) => {
      if ((server?.requests.length ?? 0) <= 2) {
        sendJson(response, 503, { error: "Service Unavailable" });
        return;
      }
      sendJson(response, 200, { data: { id: "s1" } });
    });
    const { transport, waits, events } = setup();
    const body = await transport.requestJson({ method: "GET", path: "/api/2.0/sales/s1" });
    expect(body).toEqual({ data: { id: "s1" } });
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([250, 500]);
    expect(events.map((event) => event.type === "retry-scheduled" && event.status)).toEqual([
      503, 503,
    ]);
  });

  it("fails UNAVAILABLE once retries run out", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 500, {}));
    const { transport, waits } = setup({ retry: { ...defaultRetryPolicy, maxRetries: 2 } });
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.details).toMatchObject({ status: 500, attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it("fails a 400 at once with the response body, never the token", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 400, {
        error: "Bad Request",
        message: `page_size is invalid (token ${token}, contact ops@example.com)`,
      }),
    );
    const { transport, waits } = setup();
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales", query: { page_size: -1 } }),
    );
    expect(error.code).toBe("BAD_INPUT");
    expect(error.message).toContain("page_size is invalid");
    expect(error.details?.responseBody).toContain("Bad Request");
    expect(error.details).toMatchObject({ status: 400, method: "GET", path: "/api/2.0/sales" });
    expect(JSON.stringify([error.message, error.details])).not.toContain(token);
    expect(JSON.stringify([error.message, error.details])).not.toContain("ops@example.com");
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("truncates a long error body", async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(422);
      response.end("x".repeat(5000));
    });
    const { transport } = setup();
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    expect(String(error.details?.responseBody)).toHaveLength(500);
  });

  it("maps auth and lookup failures to their codes", async () => {
    server = await startLoopbackServer((request, response) =>
      sendJson(response, request.url.pathname.endsWith("missing") ? 404 : 401, { error: "x" }),
    );
    const { transport } = setup();
    const unauthorized = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    const notFound = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales/missing" }),
    );
    expect([unauthorized.code, notFound.code]).toEqual(["UNAUTHORIZED", "NOT_FOUND"]);
  });

  it("retries a request that times out and reports the timeout", async () => {
    server = await startLoopbackServer(() => {
      // Never answer.
    });
    const { transport, events } = setup({
      timeoutMs: 100,
      retry: { ...defaultRetryPolicy, maxRetries: 1 },
    });
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain("timed out");
    // Two attempts, the first retried for its timeout. (Counted on our side: on a loaded machine
    // an attempt can time out before the server has even seen it.)
    expect(events.filter((event) => event.type === "retry-scheduled")).toEqual([
      expect.objectContaining({ type: "retry-scheduled", reason: "timeout" }),
    ]);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it("retries network errors", async () => {
    const closed = await startLoopbackServer(() => {});
    const baseUrl = closed.baseUrl;
    await closed.close();
    const { transport, events } = setup({
      baseUrl,
      retry: { ...defaultRetryPolicy, maxRetries: 2 },
    });
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain("unreachable");
    expect(events.map((event) => event.type === "retry-scheduled" && event.reason)).toEqual([
      "network-error",
      "network-error",
    ]);
  });

  it("stops at once when the caller aborts a request in flight", async () => {
    let arrived: () => void = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    server = await startLoopbackServer(() => arrived());
    const { transport, waits } = setup();
    const controller = new AbortController();
    const pending = transport.requestJson({
      method: "GET",
      path: "/api/2.0/sales",
      signal: controller.signal,
    });
    await requestArrived;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("stops while waiting to retry when the caller aborts", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 503, {}));
    const controller = new AbortController();
    const { transport } = setup({
      sleep: async (_ms, signal) => {
        controller.abort();
        signal?.throwIfAborted();
      },
    });
    await expect(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales", signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
  });

  it("paces requests once the remaining budget is in the reserve", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, {}, { "X-RateLimit-Limit": "10", "X-RateLimit-Remaining": "1" }),
    );
    const { transport, waits, events } = setup();
    await transport.requestJson({ method: "GET", path: "/api/2.0/sales" });
    await transport.requestJson({ method: "GET", path: "/api/2.0/sales" });
    // 300 s window / 10 requests: one request every 30 s at most.
    expect(waits).toEqual([30_000]);
    expect(events[0]).toMatchObject({ type: "rate-limit-wait", reason: "pacing", remaining: 1 });
  });

  it("does not follow redirects with the token", async () => {
    server = await startLoopbackServer((request, response) => {
      if (request.url.pathname === "/elsewhere") {
        sendJson(response, 200, {});
        return;
      }
      response.writeHead(302, { Location: "/elsewhere" });
      response.end();
    });
    const { transport } = setup();
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    expect(error.details?.status).toBe(302);
    expect(server.requests.map((request) => request.url.pathname)).toEqual(["/api/2.0/sales"]);
  });

  it("rejects a success body that is not JSON", async () => {
    server = await startLoopbackServer((_request, response) => {
      response.writeHead(200);
      response.end("<html>");
    });
    const { transport } = setup();
    const error = await catchError(
      transport.requestJson({ method: "GET", path: "/api/2.0/sales" }),
    );
    expect(error.code).toBe("UNAVAILABLE");
  });

  it("tells onResponse of every attempt: its status and rate limit, or why none came", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server?.requests.length === 1) {
        sendJson(response, 429, {}, { "Retry-After": "2", "X-RateLimit-Limit": "350" });
        return;
      }
      sendJson(response, 200, {}, { "X-RateLimit-Limit": "350", "X-RateLimit-Remaining": "348" });
    });
    const observed: LightspeedResponseObservation[] = [];
    const { transport } = setup({ onResponse: (observation) => observed.push(observation) });
    await transport.requestJson({ method: "GET", path: "/api/2.0/sales/0af7b240" });
    expect(observed).toEqual([
      {
        method: "GET",
        status: 429,
        failure: null,
        limit: 350,
        remaining: null,
        durationMs: expect.any(Number),
      },
      {
        method: "GET",
        status: 200,
        failure: null,
        limit: 350,
        remaining: 348,
        durationMs: expect.any(Number),
      },
    ]);

    const unreachable = await startLoopbackServer(() => {});
    await unreachable.close();
    const failing = setup({
      baseUrl: unreachable.baseUrl,
      retry: { ...defaultRetryPolicy, maxRetries: 0 },
      onResponse: (observation) => observed.push(observation),
    });
    await catchError(
      failing.transport.requestJson({ method: "PUT", path: "/api/2.0/customers/1" }),
    );
    expect(observed.at(-1)).toEqual({
      method: "PUT",
      status: null,
      failure: "network-error",
      limit: null,
      remaining: null,
      durationMs: expect.any(Number),
    });
  });

  it("keeps going when onResponse throws", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, { ok: 1 }));
    const { transport } = setup({
      onResponse: () => {
        throw new Error("metrics broke");
      },
    });
    await expect(transport.requestJson({ method: "GET", path: "/api/2.0/sales" })).resolves.toEqual(
      {
        ok: 1,
      },
    );
  });

  it("refuses an empty token", () => {
    expect(() => setup({ token: " " })).toThrow("token is empty");
  });
});
