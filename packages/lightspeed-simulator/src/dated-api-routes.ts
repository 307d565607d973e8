// The date-versioned API (`/api/{YYYY-MM}/...`, reference §1, §5.9) over the same store, cursor,
// rate limiter and faults as API 2.0 (the gateway middleware in front of /api/* covers both).
// Sales have their own shape here; customers, customer groups, registers and outlets have the
// 2.0 shape in the 2026-07 OpenAPI, so those requests are answered by the 2.0 handlers.
import { type Context, Hono } from "hono";
import { errorResponse, handleError } from "./api-error-response";
import { createApiRoutes } from "./api-routes";
import { resolveDateVersion } from "./date-version";
import { toDatedSale } from "./dated-sale";
import type { Sale } from "./resource-types";
import type { SimulatedStore } from "./simulated-store";
import { parseListQuery } from "./version-cursor";

const version = "/:version{[0-9]{4}-[0-9]{2}}";

/** Resources whose date-based endpoints answer exactly like their 2.0 ones. */
const sameShapeResources = [
  "customers",
  "customer_groups",
  "registers",
  "outlets",
  // The catalog's date-versioned shape is UNCONFIRMED: we answer with the 2.0 one.
  "products",
  "brands",
  "product_types",
] as const;

export function createDatedApiRoutes(store: SimulatedStore): Hono {
  const api = new Hono();
  const api20 = createApiRoutes(store);
  api20.onError(handleError);
  const serve = (sale: Sale) => store.faults.serveDatedSale(toDatedSale(sale));

  api.use(`${version}/*`, async (c, next) => {
    const requested = c.req.param("version") ?? "";
    if (resolveDateVersion(requested, store.dateVersions) === null) {
      return errorResponse(c, 404, `API version ${requested} is not available`);
    }
    // Every supported version has the same sale shape, so the one that answers a retired
    // version's request changes nothing below.
    await next();
  });

  api.get(`${version}/sales`, (c) => {
    const page = store.listSales(parseListQuery(c.req.query()));
    return c.json({ data: page.data.map(serve), version: page.version });
  });
  // As in 2.0: whether parked or deleted sales 404 here is UNCONFIRMED; we serve every sale.
  api.get(`${version}/sales/:id`, (c) => c.json({ data: serve(store.getSale(c.req.param("id"))) }));

  const answerAs20 = async (c: Context) => {
    const url = new URL(c.req.url);
    const path = url.pathname.replace(/^\/api\/[0-9]{4}-[0-9]{2}\//, "/2.0/");
    const body = ["GET", "HEAD"].includes(c.req.method) ? undefined : await c.req.arrayBuffer();
    return api20.request(`${path}${url.search}`, {
      method: c.req.method,
      headers: c.req.raw.headers,
      body,
    });
  };
  for (const resource of sameShapeResources) {
    api.all(`${version}/${resource}`, answerAs20);
    api.all(`${version}/${resource}/*`, answerAs20);
  }
  return api;
}
