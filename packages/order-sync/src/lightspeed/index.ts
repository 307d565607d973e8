// `@greenloop/order-sync/lightspeed`: the Lightspeed Retail X-Series client, its record schemas,
// webhook parsing and signature checks, and eCom sale recognition.
export {
  defaultApiVersion,
  isLightspeedApiVersion,
  type LightspeedApiVersion,
} from "./api-version";
export type { RetryPolicy } from "./backoff";
export { type EcomSaleFields, type EcomSaleMatch, recogniseEcomSale } from "./ecom-sale";
export type { LightspeedEvent, LightspeedEventHandler } from "./events";
export type { FetchFunction } from "./http-transport";
export {
  createLightspeedClient,
  type LightspeedClient,
  type LightspeedClientOptions,
  type ListOptions,
  type ReferenceList,
  type RequestOptions,
} from "./lightspeed-client";
export type { MalformedRecord, ParsedRecord, RecordIssue } from "./parse-record";
export { parseRetryAfter, type RateLimitPolicy, type RateLimitSnapshot } from "./rate-limit";
export type {
  LightspeedResponseObservation,
  LightspeedResponseObserver,
} from "./response-observer";
export {
  type Brand,
  brandSchema,
  type Product,
  type ProductCategory,
  productCategorySchema,
  productSchema,
} from "./schemas/catalog";
export { type Customer, customerSchema } from "./schemas/customer";
export { dateVersionSaleSchema } from "./schemas/dated-sale";
export { moneySchema, optionalMoneySchema, parseDecimal } from "./schemas/money";
export * from "./schemas/reference-data";
export {
  deriveSaleLifecycle,
  type Sale,
  type SaleLineItem,
  type SalePayment,
  type SaleState,
  saleSchema,
  saleStates,
} from "./schemas/sale";
export { parseUtcDate } from "./schemas/utc-date";
export { type Webhook, webhookSchema } from "./schemas/webhook";
export type { Sleep } from "./sleep";
export type { VersionPage, VersionRange } from "./version-pager";
export {
  type ParseWebhookDeliveryOptions,
  parseWebhookDelivery,
  UNKNOWN_WEBHOOK_TYPE,
  type WebhookDelivery,
  type WebhookEntity,
  type WebhookTypeSource,
  webhookEntities,
  webhookEntityOf,
} from "./webhook-delivery";
export {
  type SignatureEncoding,
  type SignedContent,
  type VerifyWebhookSignatureOptions,
  verifyWebhookSignature,
  type WebhookSignatureResult,
} from "./webhook-signature";
export { webhookTypeOfPayload } from "./webhook-type-of-payload";
export {
  type CreateWebhookResult,
  createWebhooksApi,
  type WebhookInput,
  type WebhooksApi,
} from "./webhooks-api";
