// The HTTP surface: health, tRPC at /api/trpc (where the GreenLoop app expects it), the webhooks,
// the operators' CSV exports at /api/exports, /metrics behind METRICS_TOKEN (unless on
// METRICS_PORT), and the dashboard's pages.
import type { Database } from "@greenloop/db";
import type { LightspeedClient } from "@greenloop/order-sync/lightspeed";
import { serveStatic } from "@hono/node-server/serve-static";
import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { type Env, loadEnv } from "../env";
import { httpErrorAnswer } from "../error-mapping";
import { exportRoute } from "../exports/export-route";
import { type WebhookRouteOptions, webhookRoute } from "../ingestion/webhooks/webhook-route";
import { createLightspeedClientFromEnv } from "../lightspeed";
import type { Logger } from "../logger";
import { createMailTransport, type MailTransport } from "../mail/mail-transport";
import { type BackendMetrics, createBackendMetrics } from "../metrics/backend-metrics";
import { metricsRoute } from "../metrics/metrics-route";
import { type BackgroundTasks, createBackgroundTasks } from "../scheduler/background-tasks";
import { traceRequests } from "../tracing/trace-requests";
import { appRouter } from "../trpc/root";
import type { TrpcContext } from "../trpc/trpc";
import { healthRoute } from "./health-route";
import { isPagePath } from "./page-path";

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** The configuration (API tokens, sync interval…); the documented defaults when omitted. */
  env?: Env;
  startedAt?: Date;
  /** Customers' login codes go out through it; from MAIL_* settings when omitted. */
  mail?: MailTransport;
  /** Where uploads' imports run; `serve` drains it on shutdown. */
  tasks?: BackgroundTasks;
  /** The scheduler's jobs, for `sync.runNow` and job status. */
  jobs?: TrpcContext["jobs"];
  /** The clock the API reads (tests move it). */
  now?: () => Date;
  /** The X-Series client the API calls (segment pushes); from LIGHTSPEED_* settings when omitted. */
  lightspeed?: () => LightspeedClient;
  /** Webhook authentication and the worker's wake-up; without it webhooks are refused (503). */
  webhooks?: WebhookRouteOptions;
  /** The built dashboard (apps/dashboard/dist), served at `/` when given. */
  dashboardDir?: string;
  /**
   * What `/metrics` serves when METRICS_TOKEN is set and METRICS_PORT is not. Omitted: the app
   * makes its own, counting for as long as the process lives (`serve` passes one it closes).
   */
  metrics?: BackendMetrics;
}

export type AppEnv = {
  Variables: { requestId: string; logger: Logger };
};

export function createApp({
  db,
  logger,
  env = loadEnv({}),
  startedAt = new Date(),
  mail = createMailTransport(env.mail, logger),
  tasks = createBackgroundTasks(logger),
  jobs,
  now = () => new Date(),
  lightspeed = lightspeedFromEnv(env, logger),
  webhooks = {},
  dashboardDir,
  metrics,
}: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { syncIntervalMs, observability } = env;

  if (observability.tracing) app.use(traceRequests());
  app.use(requestId());
  app.use(async (c, next) => {
    const requestLogger = logger.child({ requestId: c.get("requestId") });
    c.set("logger", requestLogger);
    const started = performance.now();
    await next();
    requestLogger.debug(
      {
        method: c.req.method,
        // The route pattern, not the path: a webhook path carries WEBHOOK_PATH_SECRET.
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });

  app.route("/health", healthRoute(db, { syncIntervalMs, now }));
  if (observability.metricsToken !== undefined && observability.metricsPort === undefined) {
    const served = metrics ?? createBackendMetrics({ db, now });
    app.route("/metrics", metricsRoute(served, { token: observability.metricsToken }));
  }
  app.route("/api/webhooks/lightspeed", webhookRoute({ db, logger, ...webhooks }));
  // The path the seed's notes give a sale webhook (`sale.created` is not an X-Series event; the
  // subscription is `sale.update`): a store that followed them is not refused.
  app.route(
    "/api/webhooks/lightspeed-sale-created",
    webhookRoute({ db, logger, ...webhooks, subscribedType: "sale.update" }),
  );

  // CSV downloads of the staff's lists (operator tokens only).
  app.route("/api/exports", exportRoute({ db, env, now, logger }));

  app.use(
    "/api/trpc/*",
    trpcServer({
      endpoint: "/api/trpc",
      router: appRouter,
      createContext: (_opts, c): TrpcContext & Record<string, unknown> => ({
        db,
        logger: c.get("logger"),
        config: env,
        mail,
        startedAt,
        authorization: c.req.header("authorization"),
        now,
        tasks,
        lightspeed,
        ...(jobs ? { jobs } : {}),
      }),
    }),
  );

  if (dashboardDir) {
    app.use("/*", serveStatic({ root: dashboardDir }));
    // The dashboard routes in the browser: any other page path gets its index.html; a missing
    // file, the API's and /metrics' paths get the JSON 404 below, not a page.
    const indexHtml = serveStatic<AppEnv>({ root: dashboardDir, path: "index.html" });
    app.get("*", (c, next) => (isPagePath(c.req.path) ? indexHtml(c, next) : next()));
  }

  app.notFound((c) =>
    c.json(
      { error: { code: "NOT_FOUND", message: `No route for ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );

  app.onError((error, c) => {
    const answer = httpErrorAnswer(error);
    if (answer.log) (c.get("logger") ?? logger).error({ err: answer.log.err }, answer.log.message);
    return c.json(answer.body, answer.status);
  });

  return app;
}

/** One client for the process (its rate-limit state is shared), made when first asked for. */
function lightspeedFromEnv(env: Env, logger: Logger): () => LightspeedClient {
  let client: LightspeedClient | undefined;
  return () => {
    client ??= createLightspeedClientFromEnv(env, logger);
    return client;
  };
}
