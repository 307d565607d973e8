// The webhooks API (reference §8.1): `GET|POST /2.0/webhooks`, `GET|PUT|DELETE /2.0/webhooks/{id}`,
// JSON, for the subscriptions the calling application made. The 409 and 404 bodies are the one-member
// `{"error": …}` the webhooks API declares, not the `{error, message}` envelope of other routes.
import { type Context, Hono } from "hono";
import { z } from "zod";
import { parseBody } from "./api-routes";
import type { SimulatedStore } from "./simulated-store";
import { type WebhookSubscription, webhookTypes } from "./webhook-subscriptions";

/** `WebhookRequest`: all three fields required, `url` at least 3 characters. */
const webhookRequestSchema = z.object({
  url: z.string().min(3),
  active: z.boolean(),
  // An unknown type is refused with 400 and our usual envelope: the real answer is UNCONFIRMED.
  type: z.enum(webhookTypes),
});

const duplicateMessage = "A webhook with this type and URL already exists.";

// The API serves one application (the store's token); Setup → API subscriptions are a person's.
const origin = "api";

export function createWebhookApiRoutes(store: SimulatedStore): Hono {
  const routes = new Hono();
  const subscriptions = store.webhooks.subscriptions;
  const found = (c: Context, subscription: WebhookSubscription | undefined) =>
    subscription ? c.json({ data: subscription }) : c.json({ error: "Webhook not found" }, 404);

  routes.get("/", (c) => c.json({ data: subscriptions.list(origin) }));
  routes.post("/", async (c) => {
    const created = subscriptions.create(
      parseBody(webhookRequestSchema, await c.req.json()),
      origin,
    );
    if (created === "duplicate") return c.json({ error: duplicateMessage }, 409);
    return c.json({ data: created }, 201);
  });

  routes.get("/:id", (c) => found(c, subscriptions.find(c.req.param("id"), origin)));
  routes.put("/:id", async (c) => {
    const input = parseBody(webhookRequestSchema, await c.req.json());
    const updated = subscriptions.update(c.req.param("id"), input, origin);
    // The API documents no 409 for PUT; refusing a second copy of a pair is our choice.
    if (updated === "duplicate") return c.json({ error: duplicateMessage }, 409);
    return found(c, updated);
  });
  routes.delete("/:id", (c) =>
    subscriptions.delete(c.req.param("id"), origin)
      ? c.body(null, 200)
      : c.json({ error: "Webhook not found" }, 404),
  );
  return routes;
}
