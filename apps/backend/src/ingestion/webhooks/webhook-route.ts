// POST /api/webhooks/lightspeed[/<secret>][/<type>]: authenticate, check the delivery names a record,
// store the raw body in the inbox and answer 200 — no Lightspeed call here (it has 5 s, reference
// §8.4). A delivery as Lightspeed documents it carries only `payload`: its type comes from the URL
// we subscribed (`/<type>` or `?type=`), else a `type` field, else the payload's shape, else it is
// stored as `unknown` and the worker finds out what its id is. A genuine delivery never gets a 4xx.
// Errors are DomainErrors, mapped to statuses by the app's one error handler:
//   200 stored or duplicate · 400 malformed · 401 bad/missing signature or secret (counted, not
//   stored) · 413 too large · 503 database down, or no authentication configured (Lightspeed
//   retries both for up to 48 h).
import { createHash, timingSafeEqual } from "node:crypto";
import type { Database } from "@greenloop/db";
import { DomainError, isDomainError } from "@greenloop/order-sync/errors";
import { parseWebhookDelivery, verifyWebhookSignature } from "@greenloop/order-sync/lightspeed";
import { type Context, Hono, type Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "../../logger";
import { measureWebhookIntake, type WebhookIntakeVariables } from "./measure-webhook-intake";
import { incrementOperationalCounter } from "./operational-counter";
import { storeWebhookDelivery, webhookCounters } from "./webhook-inbox";
import { readWebhookUrlParts, type WebhookAuthMode, webhookAuthModeOf } from "./webhook-url";

export interface WebhookRouteOptions {
  /**
   * The type of every delivery to this route unless its URL names one (an alias path such as
   * `/api/webhooks/lightspeed-sale-created` is a sale subscription).
   */
  subscribedType?: string;
  /** LIGHTSPEED_CLIENT_SECRET: when set, every delivery needs a valid X-Signature. */
  clientSecret?: string | undefined;
  /** WEBHOOK_PATH_SECRET: otherwise, the secret in the path or `?secret=`. */
  pathSecret?: string | undefined;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called after a new delivery is stored (e.g. the worker's `wake`). */
  onStored?: () => void;
}

export interface WebhookRouteDependencies extends WebhookRouteOptions {
  db: Pick<Database, "prisma">;
  /** Used when the app's request logger is not there (the sub-app on its own). */
  logger: Logger;
}

/**
 * What the route reads of the request context it is mounted in: the request's logger (the app
 * sets it), so that the route does not depend on the app that mounts it.
 */
type WebhookRouteEnv = { Variables: { logger: Logger } & WebhookIntakeVariables };

export const defaultMaxWebhookBodyBytes = 1024 * 1024;

const formContentType = "application/x-www-form-urlencoded";

export function webhookRoute(deps: WebhookRouteDependencies): Hono<WebhookRouteEnv> {
  const maxBodyBytes = deps.maxBodyBytes ?? defaultMaxWebhookBodyBytes;
  const route = new Hono<WebhookRouteEnv>();

  // Who may deliver is decided before the body is read: a wrong secret or a missing signature is
  // a 401 whatever the body's size, and nothing of it is read for a caller refused anyway.
  const authenticate = async (c: Context<WebhookRouteEnv>, next: Next) => {
    const log = (c.get("logger") ?? deps.logger).child({ component: "webhook" });
    const mode = webhookAuthModeOf(deps);
    if (mode === null) {
      c.set("webhookRejection", "not_configured");
      throw new DomainError(
        "UNAVAILABLE",
        "Webhooks are not accepted: no authentication is configured. Set LIGHTSPEED_CLIENT_SECRET " +
          "(signed webhooks of an OAuth app) or WEBHOOK_PATH_SECRET (and subscribe " +
          "/api/webhooks/lightspeed/<secret>), then restart.",
      );
    }
    if (mode === "path-secret") {
      const given = readSubscription(c, mode).secret;
      if (!given || !secretsMatch(given, deps.pathSecret ?? "")) {
        c.set("webhookRejection", "bad_secret");
        await count(deps, log, webhookCounters.secretRejected);
        log.warn({ reason: given ? "wrong secret" : "no secret" }, "webhook refused");
        throw new DomainError("UNAUTHORIZED", "webhook secret is missing or wrong");
      }
    } else if (!c.req.header("x-signature")?.trim()) {
      c.set("webhookRejection", "bad_signature");
      await count(deps, log, webhookCounters.signatureRejected);
      log.warn({ reason: "missing-header" }, "webhook refused");
      throw new DomainError("UNAUTHORIZED", "X-Signature header is missing");
    }
    await next();
  };

  const receive = async (c: Context<WebhookRouteEnv>) => {
    const log = (c.get("logger") ?? deps.logger).child({ component: "webhook" });
    // Set: `authenticate` ran first.
    const mode = webhookAuthModeOf(deps) ?? "signature";
    const subscription = readSubscription(c, mode);

    const rawBody = new Uint8Array(await c.req.arrayBuffer());

    if (mode === "signature") {
      const verdict = verifyWebhookSignature({
        rawBody,
        header: c.req.header("x-signature"),
        secret: deps.clientSecret ?? "",
      });
      if (verdict.status !== "valid") {
        c.set("webhookRejection", "bad_signature");
        await count(deps, log, webhookCounters.signatureRejected);
        log.warn({ reason: verdict.status }, "webhook refused");
        throw new DomainError(
          "UNAUTHORIZED",
          verdict.status === "missing-header"
            ? "X-Signature header is missing"
            : verdict.status === "malformed-header"
              ? `X-Signature header is malformed: ${verdict.reason}`
              : "X-Signature does not match the body",
        );
      }
    }

    const contentType = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (contentType !== formContentType) {
      throw new DomainError("BAD_INPUT", `webhook body must be ${formContentType}`);
    }
    if (rawBody.includes(0)) {
      throw new DomainError("BAD_INPUT", "webhook body is not form-encoded text (NUL byte)");
    }
    const subscribedType = subscription.type ?? deps.subscribedType;
    let delivery: ReturnType<typeof parseWebhookDelivery>;
    try {
      delivery = parseWebhookDelivery({
        body: rawBody,
        ...(subscribedType ? { subscribedType } : {}),
      });
    } catch (error) {
      if (isDomainError(error) && error.code === "BAD_INPUT") {
        log.warn({ reason: error.message }, "webhook rejected as malformed");
      }
      throw error;
    }

    let stored: Awaited<ReturnType<typeof storeWebhookDelivery>>;
    try {
      stored = await storeWebhookDelivery(deps.db, {
        rawBody,
        type: delivery.type,
        domainPrefix: delivery.domainPrefix,
        objectId: delivery.entityId,
      });
    } catch (cause) {
      c.set("webhookRejection", "inbox_unavailable");
      throw new DomainError(
        "UNAVAILABLE",
        "The webhook inbox is unavailable; the delivery was not stored (retry later).",
        { cause },
      );
    }
    // Ids and the type only: the payload holds personal data.
    log.info(
      {
        deliveryId: stored.id,
        type: delivery.type,
        typeFrom: delivery.typeSource,
        objectId: delivery.entityId,
        duplicate: stored.duplicate,
      },
      stored.duplicate ? "webhook duplicate ignored" : "webhook stored",
    );
    c.set("webhookStored", stored.duplicate ? "duplicate" : "accepted");
    if (!stored.duplicate) deps.onStored?.();
    return c.json(stored.duplicate ? { status: "duplicate" } : { status: "stored", id: stored.id });
  };

  const limit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) =>
      c.json(
        {
          error: {
            code: "PAYLOAD_TOO_LARGE",
            message: `webhook body exceeds ${maxBodyBytes} bytes`,
          },
        },
        413,
      ),
  });
  route.post("/", measureWebhookIntake, authenticate, limit, receive);
  route.post("/:secret", measureWebhookIntake, authenticate, limit, receive);
  route.post("/:secret/:type", measureWebhookIntake, authenticate, limit, receive);
  return route;
}

/** What the delivery's URL says: its secret and subscribed type (see webhook-url.ts). */
function readSubscription(
  c: Context<WebhookRouteEnv>,
  mode: WebhookAuthMode,
): { secret: string | undefined; type: string | undefined } {
  return readWebhookUrlParts(
    {
      first: c.req.param("secret"),
      second: c.req.param("type"),
      querySecret: c.req.query("secret"),
      queryType: c.req.query("type"),
    },
    mode,
  );
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function secretsMatch(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected)) && expected !== "";
}

/** A rejection is counted best-effort: a database problem must not turn a 401 into a 503. */
async function count(deps: WebhookRouteDependencies, log: Logger, name: string): Promise<void> {
  try {
    await incrementOperationalCounter(deps.db, name);
  } catch (error) {
    log.warn({ err: error, counter: name }, "could not count a refused webhook");
  }
}
