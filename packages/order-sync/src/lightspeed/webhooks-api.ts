// The webhooks API (reference §8.1): list, create, update and delete the store's webhook
// subscriptions. JSON both ways; one URL and one type per subscription; a second subscription of the
// same type and URL is a 409, which we return as a result (it is what an idempotent caller expects
// after a retried POST or a subscription added by hand), not as an error.
import { DomainError, isDomainError } from "../errors";
import { emitEvent, type LightspeedEventHandler } from "./events";
import type { HttpTransport } from "./http-transport";
import { isObject, parseRecord } from "./parse-record";
import { type Webhook, webhookSchema } from "./schemas/webhook";

const webhooksPath = "/api/2.0/webhooks";

/** `WebhookRequest`: all three fields are required, on create and on update. */
export interface WebhookInput {
  url: string;
  /** E.g. `sale.update` (reference §8.2). */
  type: string;
  active: boolean;
}

export type CreateWebhookResult =
  | { outcome: "created"; webhook: Webhook }
  /** The store already has a subscription of this type and URL (409). */
  | { outcome: "duplicate" };

export interface WebhooksApi {
  /**
   * `GET /api/2.0/webhooks`. Upstream this lists only the subscriptions the calling application
   * made (reference §8.1); ones added by hand on Setup → API may be missing. Malformed entries are
   * reported as `malformed-record` events and left out.
   */
  listWebhooks(options?: { signal?: AbortSignal }): Promise<Webhook[]>;
  /** `POST /api/2.0/webhooks`. */
  createWebhook(input: WebhookInput & { signal?: AbortSignal }): Promise<CreateWebhookResult>;
  /** `PUT /api/2.0/webhooks/{id}` (e.g. to re-activate one); NOT_FOUND when it is gone. */
  updateWebhook(id: string, input: WebhookInput & { signal?: AbortSignal }): Promise<Webhook>;
  /** `DELETE /api/2.0/webhooks/{id}`; NOT_FOUND when it is gone. */
  deleteWebhook(id: string, options?: { signal?: AbortSignal }): Promise<void>;
}

export function createWebhooksApi(
  transport: HttpTransport,
  onEvent?: LightspeedEventHandler,
): WebhooksApi {
  const readOne = (body: unknown, method: string): Webhook => {
    const result = parseRecord(webhookSchema, isObject(body) ? body.data : undefined);
    if (!result.ok) {
      throw new DomainError("INTERNAL", `Lightspeed returned a malformed webhook to ${method}`, {
        details: { resource: "webhooks", ...result.malformed },
      });
    }
    return result.record.data;
  };

  return {
    async listWebhooks({ signal } = {}) {
      const body = await transport.requestJson({ method: "GET", path: webhooksPath, signal });
      // The documented shape is `{data: [...]}`; a bare array is accepted too.
      const rows = Array.isArray(body) ? body : isObject(body) ? body.data : undefined;
      if (!Array.isArray(rows)) {
        throw new DomainError("INTERNAL", "Lightspeed returned a webhook list that is not a list", {
          details: { path: webhooksPath },
        });
      }
      const webhooks: Webhook[] = [];
      for (const row of rows) {
        const result = parseRecord(webhookSchema, row);
        if (result.ok) webhooks.push(result.record.data);
        else
          emitEvent(onEvent, {
            type: "malformed-record",
            resource: "webhooks",
            ...result.malformed,
          });
      }
      return webhooks;
    },

    async createWebhook({ signal, ...input }) {
      try {
        const body = await transport.requestJson({
          method: "POST",
          path: webhooksPath,
          body: requestBody(input),
          signal,
        });
        return { outcome: "created", webhook: readOne(body, "POST") };
      } catch (error) {
        if (isDomainError(error) && error.code === "CONFLICT") return { outcome: "duplicate" };
        throw error;
      }
    },

    async updateWebhook(id, { signal, ...input }) {
      const body = await transport.requestJson({
        method: "PUT",
        path: `${webhooksPath}/${encodeWebhookId(id)}`,
        body: requestBody(input),
        signal,
      });
      return readOne(body, "PUT");
    },

    async deleteWebhook(id, { signal } = {}) {
      await transport.requestJson({
        method: "DELETE",
        path: `${webhooksPath}/${encodeWebhookId(id)}`,
        signal,
      });
    },
  };
}

/** Exactly the documented request fields, whatever else the caller's object carries. */
function requestBody(input: WebhookInput): WebhookInput {
  if (input.url.length < 3) throw new DomainError("BAD_INPUT", "webhook URL is too short");
  if (input.type.trim() === "") throw new DomainError("BAD_INPUT", "webhook type is empty");
  return { url: input.url, active: input.active, type: input.type };
}

function encodeWebhookId(id: string): string {
  if (id.trim() === "") throw new DomainError("BAD_INPUT", "webhook id is empty");
  return encodeURIComponent(id);
}
