// @greenloop/lightspeed-simulator — one Lightspeed Retail X-Series store over real HTTP,
// deterministic from a seed, for client tests and the product demo.
//
// Start one:      const sim = await startSimulator({ seed: 7 });
//                 fetch(`${sim.baseUrl}/api/2.0/sales?after=0`, { headers: { Authorization: `Bearer ${sim.token}` } })
//                 await sim.close();
// In-process:     const store = new SimulatedStore({ seed: 7 }); const app = createSimulatorApp(store);
//                 await app.request("/api/2.0/sales", { headers: { Authorization: `Bearer ${store.token}` } });
// Date versions: /api/{YYYY-MM}/sales, /sales/:id (the date-based sale shape), /customers,
//               /customers/:id, /customer_groups, /registers, /outlets, /products, /products/:id,
//               /brands, /product_types (the 2.0 shape), for the
//               versions in `dateVersions` (default 2026-01, 2026-04, 2026-07); an older version is
//               served by the oldest, a newer one is 404.
//
// SimulatedStore (the programmatic control surface; /_sim/* offers the same over HTTP):
// - Clock:      now(), advanceClock(ms) — the simulated clock drives rate-limit windows, webhook
//               retry back-off and eCom sync delays; tests never sleep. clock: "real" follows
//               wall time too (demo). advanceClock syncs due eCom orders (autoSyncEcom, default on).
// - Catalog:    catalog (products, brands, product types: listProducts/listBrands/
//               listProductTypes(query), allProducts()), getProduct(id), updateProduct(id,
//               {name, sku, price, brand_id, product_type_id}) and deleteProduct(id) (a new version
//               and a product.update webhook). GET /api/2.0/products, /products/:id, /brands,
//               /product_types: version-cursor lists of a cannabis store's ~75 products, 12 brands
//               and 9 categories (store-catalog.ts); sales' lines and the eCom export use them.
// - Reads:      sales(), customers(), customerGroups(), registers(), outlets(), getSale(id),
//               getCustomer(id), list*(query) (version-cursor pages), ecomOrders(),
//               pendingEcomOrders(), snapshot(), version.
// - Writes:     createCustomer(partial), updateCustomer(id, patch) (unknown group → 422),
//               deleteCustomer(id), createSale(input), updateSale(id, patch), deleteSale(id).
//               Every write bumps the global version and fires customer.update / sale.update.
// - eCom:       placeEcomOrder(input) (placed now, arrives after its drawn delay),
//               syncPendingEcomOrders() (orders whose delay elapsed at now()),
//               syncEcomOrder(orderNumber) (force one), ecomCsvExport() (E-Series CSV, all orders
//               placed so far, synced or not).
// - Faults:     faults.failNext(n, status), faults.delayResponses(ms), faults.corruptSale(id),
//               faults.corruptCustomer(id), faults.dropNextWebhooks(n),
//               faults.duplicateNextWebhooks(n), faults.reorderNextWebhookBatches(n), faults.reset().
// - Webhooks:   webhooks.configure({ url, clientSecret, signatureEncoding }) (url: a person's
//               Setup → API subscription for sale.update and customer.update),
//               webhooks.subscriptions (what GET|POST /api/2.0/webhooks manage; every active one
//               of an event's type gets it), webhooks.deliverDue() (sends what is due at now(),
//               resolves when done), webhooks.pending, webhooks.events, webhooks.log (attempts
//               with status codes).
// - Limits:     rateLimiter (limit, windowMs, reset()).
//
// HTTP control API (JSON, same bearer token): GET /_sim/state, POST /_sim/clock/advance {ms},
// POST /_sim/sales, PUT|DELETE /_sim/sales/:id, PUT|DELETE /_sim/products/:id, POST /_sim/ecom/orders, POST /_sim/ecom/sync
// {orderNumber?}, GET /_sim/ecom/export.csv, POST /_sim/faults/fail {count,status},
// POST /_sim/faults/delay {ms}, POST /_sim/faults/corrupt {kind,id,bumpVersion?},
// POST /_sim/faults/webhooks {drop,duplicate,reorder}, DELETE /_sim/faults,
// POST /_sim/rate-limit/reset, PUT /_sim/webhooks/config, POST /_sim/webhooks/deliver,
// GET /_sim/webhooks (pending, log, and every subscription with who made it).

export { createSimulatorApp, type SimulatorAppOptions } from "./create-simulator-app";
export type { DatedLineItem, DatedPayment, DatedSale } from "./dated-sale";
export { ECOM_CSV_COLUMNS, ECOM_CSV_HEADER_LINE } from "./ecom-csv-header";
export {
  defaultEcomDelay,
  type EcomDelayBucket,
  type EcomDelayOption,
} from "./ecom-delay";
export { FaultInjector, type WebhookFaults } from "./fault-injector";
export {
  DEFAULT_RATE_LIMIT_WINDOW_MS,
  defaultRateLimit,
  type RateLimitOptions,
} from "./rate-limiter";
export type {
  Brand,
  Customer,
  CustomerGroup,
  EcomOrder,
  EcomOrderLine,
  LineItem,
  Outlet,
  Payment,
  ProductRecord,
  ProductType,
  Register,
  Sale,
  SaleState,
  SaleStatus,
} from "./resource-types";
export { SeededRandom } from "./seeded-random";
export { type ClockMode, SimulatedClock } from "./simulated-clock";
export {
  type CreateSaleInput,
  type PlaceEcomOrderInput,
  SimulatedStore,
  type StoreSnapshot,
  type UpdateProductInput,
  type UpdateSaleInput,
} from "./simulated-store";
export { SimulatorError, type SimulatorErrorCode } from "./simulator-error";
export * from "./simulator-options";
export { type RunningSimulator, startSimulator } from "./start-simulator";
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./version-cursor";
export {
  type SignatureEncoding,
  signWebhookBody,
  type WebhookAttempt,
  WebhookDispatcher,
  type WebhookOptions,
  webhookRetryDelayMs,
} from "./webhook-dispatcher";
export {
  type SubscriptionOrigin,
  type WebhookSubscription,
  type WebhookSubscriptionInput,
  WebhookSubscriptions,
  type WebhookType,
  webhookTypes,
} from "./webhook-subscriptions";
