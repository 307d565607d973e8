// The app served on METRICS_PORT: `/metrics` alone (Bearer METRICS_TOKEN too when that is set),
// so the scraper can be given a port the public is not.
import { Hono } from "hono";
import type { Logger } from "../logger";
import type { BackendMetrics } from "./backend-metrics";
import { metricsRoute } from "./metrics-route";

export function createMetricsApp(
  metrics: BackendMetrics,
  options: { token: string | undefined; logger: Pick<Logger, "error"> },
): Hono {
  const app = new Hono();
  app.route("/metrics", metricsRoute(metrics, { token: options.token }));
  app.notFound((c) =>
    c.json({ error: { code: "NOT_FOUND", message: "Only GET /metrics is served here" } }, 404),
  );
  app.onError((error, c) => {
    options.logger.error({ err: error }, "serving /metrics failed");
    return c.json({ error: { code: "INTERNAL", message: "Internal server error" } }, 500);
  });
  return app;
}
