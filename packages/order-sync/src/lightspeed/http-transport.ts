// One JSON request to Lightspeed with everything that makes it survivable: bearer auth, a per-attempt
// timeout, cancellation, pacing under the rate limit, waiting out 429s and bounded, jittered retries
// of transient failures. The token never leaves the Authorization header (not in errors, not in events).
import { DomainError, type DomainErrorCode } from "../errors";
import { computeBackoffDelay, type RetryPolicy } from "./backoff";
import { emitEvent, type LightspeedEventHandler } from "./events";
import {
  computePacingDelay,
  parseRateLimitHeaders,
  parseRetryAfter,
  parseRetryAfterBody,
  type RateLimitPolicy,
  type RateLimitSnapshot,
  resolveRetryAfterNow,
} from "./rate-limit";
import { type LightspeedResponseObserver, notifyObserver } from "./response-observer";
import type { Sleep } from "./sleep";

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  /** Origin (and optional path prefix) the `/api/2.0/...` paths are appended to. */
  baseUrl: string;
  token: string;
  fetch: FetchFunction;
  sleep: Sleep;
  now: () => number;
  random: () => number;
  /** Per attempt, including reading the body. */
  timeoutMs: number;
  retry: RetryPolicy;
  rateLimit: RateLimitPolicy;
  userAgent: string;
  onEvent?: LightspeedEventHandler | undefined;
  onResponse?: LightspeedResponseObserver | undefined;
}

export interface HttpRequest {
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** Path without query, e.g. `/api/2.0/sales`; safe to log (ids only). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

export interface HttpTransport {
  /** Resolves to the parsed JSON body (`null` for an empty body). */
  requestJson(request: HttpRequest): Promise<unknown>;
  /** The rate limit as last reported, for status pages. */
  readonly rateLimit: RateLimitSnapshot | null;
}

type AttemptOutcome =
  | { kind: "response"; status: number; headers: Headers; text: string }
  | { kind: "timeout"; error: unknown }
  | { kind: "network-error"; error: unknown };

const maxBodySnippet = 500;

const noResponse = { status: null, limit: null, remaining: null } as const;

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  if (options.token.trim() === "" || /[\r\n]/.test(options.token)) {
    throw new DomainError("CONFIG", "Lightspeed token is empty or contains line breaks");
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  let snapshot: RateLimitSnapshot | null = null;

  const redact = (text: string): string =>
    text
      .split(options.token)
      .join("[redacted]")
      // Error bodies can echo what we sent; keep e-mail addresses out of logs.
      .replace(/[^\s@"'<>]+@[^\s@"'<>]+\.[a-z]{2,}/gi, "[email]")
      .slice(0, maxBodySnippet);

  async function attempt(request: HttpRequest, url: string): Promise<AttemptOutcome> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const headers: Record<string, string> = {
      Authorization: `Bearer ${options.token}`,
      Accept: "application/json",
      "User-Agent": options.userAgent,
    };
    if (request.body !== undefined) headers["Content-Type"] = "application/json";
    try {
      const response = await options.fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
        // Never follow a redirect with the bearer token attached.
        redirect: "manual",
      });
      const text = await response.text();
      return { kind: "response", status: response.status, headers: response.headers, text };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      return timeout.aborted ? { kind: "timeout", error } : { kind: "network-error", error };
    }
  }

  async function wait(ms: number, request: HttpRequest): Promise<void> {
    if (ms > 0) await options.sleep(ms, request.signal);
    request.signal?.throwIfAborted();
  }

  async function requestJson(request: HttpRequest): Promise<unknown> {
    const url = buildUrl(baseUrl, request);
    const where = { method: request.method, path: request.path };
    let retries = 0;
    let rateLimited = 0;

    for (;;) {
      request.signal?.throwIfAborted();
      const pacing = computePacingDelay({
        snapshot,
        now: options.now(),
        policy: options.rateLimit,
      });
      if (pacing > 0) {
        emitEvent(options.onEvent, {
          type: "rate-limit-wait",
          ...where,
          delayMs: pacing,
          reason: "pacing",
          limit: snapshot?.limit ?? null,
          remaining: snapshot?.remaining ?? null,
        });
        await wait(pacing, request);
      }

      const sentAt = performance.now();
      const outcome = await attempt(request, url);
      const durationMs = performance.now() - sentAt;
      if (outcome.kind !== "response") {
        const failure = outcome.kind;
        notifyObserver(options.onResponse, {
          ...noResponse,
          method: request.method,
          failure,
          durationMs,
        });
      } else {
        snapshot = parseRateLimitHeaders(outcome.headers, options.now());
        notifyObserver(options.onResponse, {
          method: request.method,
          status: outcome.status,
          failure: null,
          limit: snapshot.limit,
          remaining: snapshot.remaining,
          durationMs,
        });
        if (outcome.status >= 200 && outcome.status < 300) {
          return parseJsonBody(outcome.text, { ...where, status: outcome.status });
        }
        if (outcome.status === 429) {
          rateLimited += 1;
          if (rateLimited > options.rateLimit.maxRateLimitedAttempts) {
            throw new DomainError("UNAVAILABLE", "Lightspeed kept rate-limiting the request", {
              details: { ...where, status: 429, attempts: rateLimited },
            });
          }
          const now = resolveRetryAfterNow({
            headers: outcome.headers,
            localNow: options.now(),
            clock: options.rateLimit.retryAfterClock,
          });
          const told =
            parseRetryAfter(outcome.headers.get("retry-after"), now) ??
            parseRetryAfterBody(tryParseJson(outcome.text), now);
          const delayMs = Math.min(
            options.rateLimit.maxWaitMs,
            told ??
              computeBackoffDelay({
                retry: rateLimited,
                policy: options.retry,
                random: options.random,
              }),
          );
          emitEvent(options.onEvent, {
            type: "rate-limit-wait",
            ...where,
            delayMs,
            reason: "retry-after",
            limit: snapshot.limit,
            remaining: snapshot.remaining,
          });
          await wait(delayMs, request);
          // The window has reset by now; the 429's "0 remaining" must not make us pace again.
          snapshot = null;
          continue;
        }
        if (outcome.status < 500) throw failWithStatus(outcome, where, redact);
      }

      retries += 1;
      const status = outcome.kind === "response" ? outcome.status : null;
      if (retries > options.retry.maxRetries) {
        throw new DomainError("UNAVAILABLE", describeGiveUp(outcome, where), {
          cause: outcome.kind === "response" ? undefined : outcome.error,
          details: {
            ...where,
            attempts: retries,
            status,
            ...(outcome.kind === "response" ? { responseBody: redact(outcome.text) } : {}),
          },
        });
      }
      let delayMs = computeBackoffDelay({
        retry: retries,
        policy: options.retry,
        random: options.random,
      });
      if (outcome.kind === "response") {
        // A 503 may say when to come back; never retry sooner than that.
        const now = resolveRetryAfterNow({
          headers: outcome.headers,
          localNow: options.now(),
          clock: options.rateLimit.retryAfterClock,
        });
        const told = parseRetryAfter(outcome.headers.get("retry-after"), now);
        if (told !== null) delayMs = Math.min(options.rateLimit.maxWaitMs, Math.max(delayMs, told));
      }
      emitEvent(options.onEvent, {
        type: "retry-scheduled",
        ...where,
        retry: retries,
        delayMs,
        reason: outcome.kind === "response" ? "server-error" : outcome.kind,
        status,
      });
      await wait(delayMs, request);
    }
  }

  return {
    requestJson,
    get rateLimit() {
      return snapshot;
    },
  };
}

function buildUrl(baseUrl: string, request: HttpRequest): string {
  const url = new URL(`${baseUrl}${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parseJsonBody(
  text: string,
  where: { method: string; path: string; status: number },
): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DomainError("UNAVAILABLE", "Lightspeed returned a body that is not JSON", {
      cause: error,
      details: where,
    });
  }
}

const codeByStatus: Record<number, DomainErrorCode> = {
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
};

function failWithStatus(
  outcome: { status: number; text: string },
  where: { method: string; path: string },
  redact: (text: string) => string,
): DomainError {
  const responseBody = redact(outcome.text);
  const code: DomainErrorCode =
    codeByStatus[outcome.status] ?? (outcome.status >= 400 ? "BAD_INPUT" : "UNAVAILABLE");
  return new DomainError(
    code,
    `Lightspeed answered ${outcome.status} to ${where.method} ${where.path}: ${responseBody}`,
    { details: { ...where, status: outcome.status, responseBody } },
  );
}

function describeGiveUp(outcome: AttemptOutcome, where: { method: string; path: string }): string {
  const what =
    outcome.kind === "response"
      ? `answered ${outcome.status}`
      : outcome.kind === "timeout"
        ? "timed out"
        : "was unreachable";
  return `Lightspeed ${what} to ${where.method} ${where.path}; gave up after retrying`;
}
