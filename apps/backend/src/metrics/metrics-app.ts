// The app served on METRICS_PORT: `/metrics` alone (Bearer METRICS_TOKEN too when that is set),
// so the scraper can be given a port the public is not.
import { Hono } from "hono";
import { httpErrorAnswer } from "../error-mapping";
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
    const answer = httpErrorAnswer(error);
    if (answer.log) options.logger.error({ err: answer.log.err }, answer.log.message);
    return c.json(answer.body, answer.status);
  });
  return app;
}
