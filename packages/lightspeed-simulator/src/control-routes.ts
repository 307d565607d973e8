// The test-control API under /_sim (JSON, same bearer token): the HTTP twin of SimulatedStore's
// programmatic powers, for tests and demos that drive a simulator in another process.
import { Hono } from "hono";
import { z } from "zod";
import { definedOnly, parseBody } from "./api-routes";
import type { SaleStatus } from "./resource-types";
import { saleStatuses } from "./sale-status";
import type { SimulatedStore } from "./simulated-store";
import { formatApiDate } from "./wire-format";

const statusSchema = z.enum(saleStatuses as [SaleStatus, ...SaleStatus[]]);

const advanceSchema = z.object({ ms: z.number().int().nonnegative() });
const createSaleSchema = z.object({
  customer_id: z.string().nullable().optional(),
  register_id: z.string().optional(),
  user_id: z.string().optional(),
  status: statusSchema.optional(),
  note: z.string().optional(),
  sale_date: z.string().optional(),
  line_items: z
    .array(
      z.object({
        product_id: z.string().optional(),
        quantity: z.number().int().positive().optional(),
        price: z.number().nonnegative().optional(),
      }),
    )
    .optional(),
  payment: z.enum(["cash", "card"]).optional(),
});
const updateSaleSchema = z.object({
  status: statusSchema.optional(),
  note: z.string().optional(),
  customer_id: z.string().nullable().optional(),
});
const updateProductSchema = z.object({
  name: z.string().min(1).optional(),
  sku: z.string().min(1).optional(),
  price: z.number().nonnegative().optional(),
  brand_id: z.string().nullable().optional(),
  product_type_id: z.string().nullable().optional(),
});
const placeOrderSchema = z.object({
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  phoneDigits: z.string().nullable().optional(),
  fulfillment: z.enum(["pickup", "delivery"]).optional(),
  lines: z
    .array(
      z.object({
        product_id: z.string().optional(),
        quantity: z.number().int().positive().optional(),
      }),
    )
    .optional(),
  loyaltyCents: z.number().int().nonnegative().optional(),
  comments: z.string().optional(),
  delayMs: z.number().nonnegative().optional(),
});
const syncSchema = z.object({ orderNumber: z.string().optional() });
const failSchema = z.object({
  count: z.number().int().nonnegative(),
  status: z.number().int().min(500).max(599).optional(),
});
const delaySchema = z.object({ ms: z.number().int().nonnegative() });
const corruptSchema = z.object({
  kind: z.enum(["sale", "customer"]),
  id: z.string(),
  bumpVersion: z.boolean().optional(),
});
const webhookFaultSchema = z.object({
  drop: z.number().int().nonnegative().optional(),
  duplicate: z.number().int().nonnegative().optional(),
  reorder: z.number().int().nonnegative().optional(),
});
const webhookConfigSchema = z.object({
  url: z.url().nullable().optional(),
  clientSecret: z.string().nullable().optional(),
  signatureEncoding: z.enum(["hex", "base64"]).optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxAttempts: z.number().int().positive().optional(),
});

export function createControlRoutes(store: SimulatedStore): Hono {
  const control = new Hono();
  const body = async <T>(schema: z.ZodType<T>, c: { req: { json: () => Promise<unknown> } }) =>
    parseBody(schema, await c.req.json());

  control.get("/state", (c) => c.json(store.snapshot()));
  control.post("/clock/advance", async (c) => {
    const { ms } = await body(advanceSchema, c);
    return c.json({ now: formatApiDate(store.advanceClock(ms).getTime()) });
  });

  control.post("/sales", async (c) => {
    const input = await body(createSaleSchema, c);
    return c.json({ data: store.createSale(definedOnly(input)) }, 201);
  });
  control.put("/sales/:id", async (c) => {
    const input = await body(updateSaleSchema, c);
    return c.json({ data: store.updateSale(c.req.param("id"), definedOnly(input)) });
  });
  control.delete("/sales/:id", (c) => c.json({ data: store.deleteSale(c.req.param("id")) }));

  control.put("/products/:id", async (c) => {
    const input = await body(updateProductSchema, c);
    return c.json({ data: store.updateProduct(c.req.param("id"), definedOnly(input)) });
  });
  control.delete("/products/:id", (c) => c.json({ data: store.deleteProduct(c.req.param("id")) }));

  control.post("/ecom/orders", async (c) => {
    const input = await body(placeOrderSchema, c);
    return c.json({ data: store.placeEcomOrder(definedOnly(input)) }, 201);
  });
  control.post("/ecom/sync", async (c) => {
    const { orderNumber } = await body(syncSchema, c);
    const sales = orderNumber ? [store.syncEcomOrder(orderNumber)] : store.syncPendingEcomOrders();
    return c.json({ data: sales });
  });
  control.get("/ecom/export.csv", (c) => {
    c.header("Content-Type", "text/csv; charset=utf-8");
    return c.body(store.ecomCsvExport());
  });

  control.post("/faults/fail", async (c) => {
    const { count, status } = await body(failSchema, c);
    store.faults.failNext(count, status);
    return c.json({ ok: true });
  });
  control.post("/faults/delay", async (c) => {
    store.faults.delayResponses((await body(delaySchema, c)).ms);
    return c.json({ ok: true });
  });
  control.post("/faults/corrupt", async (c) => {
    const { kind, id, bumpVersion } = await body(corruptSchema, c);
    const options = { bumpVersion: bumpVersion ?? false };
    if (kind === "sale") store.faults.corruptSale(id, options);
    else store.faults.corruptCustomer(id, options);
    return c.json({ ok: true });
  });
  control.post("/faults/webhooks", async (c) => {
    const input = await body(webhookFaultSchema, c);
    if (input.drop !== undefined) store.faults.dropNextWebhooks(input.drop);
    if (input.duplicate !== undefined) store.faults.duplicateNextWebhooks(input.duplicate);
    if (input.reorder !== undefined) store.faults.reorderNextWebhookBatches(input.reorder);
    return c.json({ ok: true });
  });
  control.delete("/faults", (c) => {
    store.faults.reset();
    return c.json({ ok: true });
  });
  control.post("/rate-limit/reset", (c) => {
    store.rateLimiter.reset();
    return c.json({ ok: true });
  });

  control.put("/webhooks/config", async (c) => {
    store.webhooks.configure(definedOnly(await body(webhookConfigSchema, c)));
    return c.json({ data: store.webhooks.config });
  });
  control.post("/webhooks/deliver", async (c) =>
    c.json({ data: await store.webhooks.deliverDue() }),
  );
  control.get("/webhooks", (c) =>
    c.json({
      pending: store.webhooks.pending.map((delivery) => ({
        deliveryId: delivery.deliveryId,
        type: delivery.event.type,
        entityId: delivery.event.entityId,
        attempts: delivery.attempts,
        dueAt: formatApiDate(delivery.dueAtMs),
      })),
      log: store.webhooks.log,
      subscriptions: store.webhooks.subscriptions.all(),
    }),
  );

  return control;
}
