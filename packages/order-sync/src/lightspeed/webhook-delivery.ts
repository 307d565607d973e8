// Reads one webhook delivery (reference §8.3): a UTF-8 form body whose `payload` field is the changed
// object as JSON in the API 1.0 shape. We only extract what tells us *what* changed; the sync then
// re-fetches the record from the API, because delivery is not guaranteed and the 1.0 shape differs.
// The type comes from the subscription (the URL we gave Lightspeed), else an undocumented `type`
// field, else the payload's shape; a delivery none of them types is still a delivery: `unknown`.
import { DomainError } from "../errors";
import { isObject } from "./parse-record";
import { readUtf8Form } from "./read-utf8-form";
import { parseUtcDate } from "./schemas/utc-date";
import { webhookTypeOfPayload } from "./webhook-type-of-payload";

export const webhookEntities = [
  "sale",
  "customer",
  "product",
  "inventory",
  "register_closure",
  "consignment",
] as const;
/** `unknown`: nothing told the type; the id may be a sale's or a customer's. */
export type WebhookEntity = (typeof webhookEntities)[number] | "other" | "unknown";

/** The type stored for a delivery nothing typed. */
export const UNKNOWN_WEBHOOK_TYPE = "unknown";

/** Where a delivery's type came from. */
export type WebhookTypeSource = "subscription" | "field" | "payload" | "none";

export interface WebhookDelivery {
  /** E.g. `sale.update`; `unknown` when nothing told it. */
  type: string;
  typeSource: WebhookTypeSource;
  entity: WebhookEntity;
  /** `payload.id`: the changed record's id. */
  entityId: string;
  /** `payload.version` when the payload carries one (API 1.0 payloads often do not). */
  version: number | null;
  /** `payload.updated_at` (UTC), the best de-duplication key when there is no version. */
  updatedAt: Date | null;
  /** Set when the payload says the record was deleted (customer.update also fires on delete). */
  deletedAt: Date | null;
  /** Optional form fields, "not guaranteed to be present" (reference §8.3). */
  domainPrefix: string | null;
  environment: string | null;
  retailerId: string | null;
  /** The decoded payload object, kept whole for the raw store. */
  payload: Record<string, unknown>;
}

export interface ParseWebhookDeliveryOptions {
  /** The raw request body (form-encoded). */
  body: string | Uint8Array;
  /**
   * The subscription's type, from the receiving URL: it wins. A `type` form field is UNCONFIRMED
   * (reference §8.3): used when there is no subscribed type, and the payload's shape after that.
   */
  subscribedType?: string;
}

/** Parses a delivery; throws DomainError BAD_INPUT saying what is wrong (never echoing values). */
export function parseWebhookDelivery(options: ParseWebhookDeliveryOptions): WebhookDelivery {
  const text = readUtf8Form(options.body);
  if (text.trim() === "") throw badInput("webhook body is empty");
  const form = new URLSearchParams(text);

  const payloads = form.getAll("payload");
  if (payloads.length === 0) throw badInput("webhook body has no payload field");
  if (payloads.length > 1) throw badInput("webhook body has more than one payload field");
  let payload: unknown;
  try {
    payload = JSON.parse(payloads[0] ?? "");
  } catch {
    throw badInput("webhook payload is not valid JSON");
  }
  if (!isObject(payload)) throw badInput("webhook payload is not a JSON object");

  const { type, typeSource } = resolveType(options.subscribedType, form.get("type"), payload);
  if (type !== UNKNOWN_WEBHOOK_TYPE && !/^[a-z_]+\.[a-z_]+$/.test(type)) {
    throw badInput("webhook type is not of the form entity.action");
  }

  const entityId = typeof payload.id === "number" ? String(payload.id) : readText(payload.id);
  if (entityId === null) throw badInput("webhook payload has no id", { type });

  return {
    type,
    typeSource,
    entity: webhookEntityOf(type),
    entityId,
    version: readVersion(payload.version),
    updatedAt: readDate(payload.updated_at),
    deletedAt: readDate(payload.deleted_at),
    domainPrefix: readText(form.get("domain_prefix")),
    environment: readText(form.get("environment")),
    retailerId: readText(form.get("retailer_id")) ?? readText(payload.retailer_id),
    payload,
  };
}

function resolveType(
  subscribed: string | undefined,
  field: string | null,
  payload: Record<string, unknown>,
): { type: string; typeSource: WebhookTypeSource } {
  const fromSubscription = readText(subscribed);
  if (fromSubscription !== null) return { type: fromSubscription, typeSource: "subscription" };
  const fromField = readText(field);
  if (fromField !== null) return { type: fromField, typeSource: "field" };
  const fromPayload = webhookTypeOfPayload(payload);
  if (fromPayload !== null) return { type: fromPayload, typeSource: "payload" };
  return { type: UNKNOWN_WEBHOOK_TYPE, typeSource: "none" };
}

/** The record a delivery type is about (`sale.created`, the seed's name, and `register_sale.update` are sales). */
export function webhookEntityOf(type: string): WebhookEntity {
  if (type === UNKNOWN_WEBHOOK_TYPE) return "unknown";
  const prefix = type.slice(0, type.indexOf("."));
  // `register_sale.update` is the Vend-era name of `sale.update` (reference §8.2).
  if (prefix === "register_sale") return "sale";
  const known = webhookEntities.find((entity) => entity === prefix);
  return known ?? "other";
}

function readText(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function readVersion(value: unknown): number | null {
  const version = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof version === "number" && Number.isSafeInteger(version) && version >= 0
    ? version
    : null;
}

function readDate(value: unknown): Date | null {
  return typeof value === "string" ? parseUtcDate(value) : null;
}

function badInput(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError("BAD_INPUT", message, details ? { details } : {});
}
