// Assembles the Hono app: /api/* behind the gateway middleware, /_sim/* (control) behind auth only.
import { Hono } from "hono";
import { errorResponse, handleError } from "./api-error-response";
import {
  bearerAuth,
  injectedFailures,
  rateLimit,
  responseDelay,
  simulatedDateHeader,
  tickStore,
} from "./api-guards";
import { createApiRoutes } from "./api-routes";
import { createControlRoutes } from "./control-routes";
import { createDatedApiRoutes } from "./dated-api-routes";
import type { SimulatedStore } from "./simulated-store";
import { createWebhookApiRoutes } from "./webhook-api-routes";

export interface SimulatorAppOptions {
  /** Mount the /_sim control API. Default true. */
  controlApi?: boolean;
}

export function createSimulatorApp(store: SimulatedStore, options: SimulatorAppOptions = {}): Hono {
  const app = new Hono();
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, 404, `no route for ${c.req.method} ${c.req.path}`));

  app.use("/api/*", responseDelay(store), simulatedDateHeader(store), bearerAuth(store));
  app.use("/api/*", rateLimit(store), injectedFailures(store), tickStore(store));
  app.route("/api", createDatedApiRoutes(store));
  app.route("/api", createApiRoutes(store));
  app.route("/api/2.0/webhooks", createWebhookApiRoutes(store));

  if (options.controlApi ?? true) {
    app.use("/_sim/*", bearerAuth(store));
    app.route("/_sim", createControlRoutes(store));
  }
  return app;
}
