// GET /metrics for Prometheus: on the main port behind METRICS_TOKEN, or on METRICS_PORT (where
// the token, when set, is required too).
import { createHash, timingSafeEqual } from "node:crypto";
import { DomainError } from "@greenloop/order-sync/errors";
import { Hono } from "hono";
import type { BackendMetrics } from "./backend-metrics";

export function metricsRoute(metrics: BackendMetrics, options: { token: string | undefined }) {
  const route = new Hono();
  route.get("/", async (c) => {
    if (
      options.token !== undefined &&
      !bearerMatches(c.req.header("authorization"), options.token)
    ) {
      c.header("www-authenticate", 'Bearer realm="metrics"');
      throw new DomainError(
        "UNAUTHORIZED",
        "GET /metrics needs: Authorization: Bearer <METRICS_TOKEN>",
      );
    }
    const { contentType, text } = await metrics.render();
    return c.body(text, 200, { "content-type": contentType, "cache-control": "no-store" });
  });
  return route;
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header?.trim() ?? "")?.[1];
  if (given === undefined) return false;
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(token));
}
