// The Lightspeed Retail X-Series client (API 2.0 or a date version): the few resources the sync
// needs, typed and validated, on top of the resilient transport and the version pager.
import type { z } from "zod";
import { DomainError } from "../errors";
import {
  apiBasePath,
  checkApiVersion,
  defaultApiVersion,
  type LightspeedApiVersion,
  saleSchemaFor,
} from "./api-version";
import { defaultRetryPolicy, type RetryPolicy } from "./backoff";
import { emitEvent, type LightspeedEventHandler } from "./events";
import { createHttpTransport, type FetchFunction } from "./http-transport";
import { isObject, type MalformedRecord, type ParsedRecord, parseRecord } from "./parse-record";
import { defaultRateLimitPolicy, type RateLimitPolicy, type RateLimitSnapshot } from "./rate-limit";
import type { LightspeedResponseObserver } from "./response-observer";
import {
  type Brand,
  brandSchema,
  type Product,
  type ProductCategory,
  productCategorySchema,
  productSchema,
} from "./schemas/catalog";
import { type Customer, customerSchema } from "./schemas/customer";
import {
  type CustomerGroup,
  customerGroupSchema,
  type Outlet,
  outletSchema,
  type Register,
  registerSchema,
} from "./schemas/reference-data";
import type { Sale } from "./schemas/sale";
import { sleep as realSleep, type Sleep } from "./sleep";
import { paginateByVersion, type VersionPage } from "./version-pager";
import { createWebhooksApi, type WebhooksApi } from "./webhooks-api";

export interface LightspeedClientOptions {
  /** Store subdomain: `https://{domainPrefix}.retail.lightspeed.app`. Needed unless `baseUrl` is set. */
  domainPrefix?: string;
  /** Overrides the host, e.g. `http://127.0.0.1:4010` for the simulator. */
  baseUrl?: string;
  /** OAuth access token or personal token; only ever sent in the Authorization header. */
  token: string;
  /**
   * `"2.0"` (default) or a date version `"YYYY-MM"`, which replaces the `2.0` of every path
   * documented below (`/api/2026-07/sales`). Either way the client returns the same domain
   * records (see api-version.ts).
   */
  apiVersion?: LightspeedApiVersion | string;
  /** Default page size for lists (default 200; the API's maximum is UNCONFIRMED, reference §4.1). */
  pageSize?: number;
  /** Per-attempt timeout, including the body (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  rateLimit?: Partial<RateLimitPolicy>;
  /** The reference says a User-Agent is expected; its format is UNCONFIRMED (reference §2.1). */
  userAgent?: string;
  onEvent?: LightspeedEventHandler;
  /** Told of every response (each attempt), e.g. for metrics; see response-observer.ts. */
  onResponse?: LightspeedResponseObserver;
  /** Injected for tests; default: the global fetch. */
  fetch?: FetchFunction;
  /** Injected for tests; default: a real timer that honours the signal. */
  sleep?: Sleep;
  /** Injected for tests; default: Date.now. */
  now?: () => number;
  /** Injected for tests; default: Math.random. */
  random?: () => number;
}

export interface ListOptions {
  /** Resume after this version (the `after` of the last page you saved). Default 0. */
  after?: number;
  /** Only versions up to this one (inclusivity UNCONFIRMED upstream, reference §4.1). */
  before?: number;
  pageSize?: number;
  /** Include deleted records (`deleted=true`). */
  deleted?: boolean;
  signal?: AbortSignal;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** A whole small list (customer groups, registers, outlets). */
export interface ReferenceList<T> {
  records: ParsedRecord<T>[];
  malformed: MalformedRecord[];
}

export interface LightspeedClient extends WebhooksApi {
  /** `GET /api/2.0/sales`, page by page in version order. */
  listSales(options?: ListOptions): AsyncGenerator<VersionPage<Sale>, void, undefined>;
  /** `GET /api/2.0/sales/{id}`. */
  fetchSale(saleId: string, options?: RequestOptions): Promise<ParsedRecord<Sale>>;
  /** `GET /api/2.0/customers`, page by page in version order. */
  listCustomers(options?: ListOptions): AsyncGenerator<VersionPage<Customer>, void, undefined>;
  /** `GET /api/2.0/customers/{id}`. */
  fetchCustomer(customerId: string, options?: RequestOptions): Promise<ParsedRecord<Customer>>;
  /** `GET /api/2.0/products` (one record per variant), page by page in version order. */
  listProducts(options?: ListOptions): AsyncGenerator<VersionPage<Product>, void, undefined>;
  /** `GET /api/2.0/products/{id}`. */
  fetchProduct(productId: string, options?: RequestOptions): Promise<ParsedRecord<Product>>;
  /** `GET /api/2.0/brands`, page by page in version order. */
  listBrands(options?: ListOptions): AsyncGenerator<VersionPage<Brand>, void, undefined>;
  /**
   * `GET /api/2.0/product_types` (the store's product categories; see schemas/catalog.ts for why
   * not `/product_categories`), page by page in version order.
   */
  listProductCategories(
    options?: ListOptions,
  ): AsyncGenerator<VersionPage<ProductCategory>, void, undefined>;
  /** `PUT /api/2.0/customers/{id}` with `{customer_group_id}`; resolves to the updated customer. */
  setCustomerGroup(options: {
    customerId: string;
    customerGroupId: string;
    signal?: AbortSignal;
  }): Promise<ParsedRecord<Customer>>;
  fetchCustomerGroups(options?: RequestOptions): Promise<ReferenceList<CustomerGroup>>;
  fetchRegisters(options?: RequestOptions): Promise<ReferenceList<Register>>;
  fetchOutlets(options?: RequestOptions): Promise<ReferenceList<Outlet>>;
  /** The rate limit as last reported by Lightspeed. */
  readonly rateLimit: RateLimitSnapshot | null;
}

const defaultPageSize = 200;

export function createLightspeedClient(options: LightspeedClientOptions): LightspeedClient {
  const pageSize = options.pageSize ?? defaultPageSize;
  const apiVersion = checkApiVersion(options.apiVersion ?? defaultApiVersion);
  const basePath = apiBasePath(apiVersion);
  const saleSchema = saleSchemaFor(apiVersion);
  const transport = createHttpTransport({
    baseUrl: resolveBaseUrl(options),
    token: options.token,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    sleep: options.sleep ?? realSleep,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { ...defaultRetryPolicy, ...options.retry },
    rateLimit: { ...defaultRateLimitPolicy, ...options.rateLimit },
    userAgent: options.userAgent ?? "greenloop-order-sync",
    onEvent: options.onEvent,
    onResponse: options.onResponse,
  });

  function listByVersion<T>(
    resource: string,
    schema: z.ZodType<T>,
    list: ListOptions,
  ): AsyncGenerator<VersionPage<T>, void, undefined> {
    const size = list.pageSize ?? pageSize;
    if (!Number.isInteger(size) || size < 1) {
      throw new DomainError("BAD_INPUT", "page size must be a positive integer", {
        details: { pageSize: size },
      });
    }
    return paginateByVersion({
      after: list.after,
      signal: list.signal,
      onStall: "throw",
      fetchPage: (after) =>
        transport.requestJson({
          method: "GET",
          path: `${basePath}/${resource}`,
          query: {
            after,
            before: list.before,
            page_size: size,
            deleted: list.deleted === undefined ? undefined : String(list.deleted),
          },
          signal: list.signal,
        }),
      parseRecord: (raw) => parseRecord(schema, raw),
      onMalformed: (record) =>
        emitEvent(options.onEvent, { type: "malformed-record", resource, ...record }),
    });
  }

  async function fetchOne<T>(options: {
    resource: string;
    id: string;
    schema: z.ZodType<T>;
    method?: "GET" | "PUT";
    body?: unknown;
    signal?: AbortSignal | undefined;
  }): Promise<ParsedRecord<T>> {
    const path = `${basePath}/${options.resource}/${encodeId(options.id)}`;
    const body = await transport.requestJson({
      method: options.method ?? "GET",
      path,
      body: options.body,
      signal: options.signal,
    });
    const result = parseRecord(options.schema, isObject(body) ? body.data : undefined);
    if (!result.ok) {
      throw new DomainError("INTERNAL", `Lightspeed returned a malformed record from ${path}`, {
        details: { resource: options.resource, ...result.malformed },
      });
    }
    return result.record;
  }

  async function fetchReferenceList<T>(
    resource: string,
    schema: z.ZodType<T>,
    request: RequestOptions,
  ): Promise<ReferenceList<T>> {
    const list: ReferenceList<T> = { records: [], malformed: [] };
    const pages = paginateByVersion({
      signal: request.signal,
      // These lists may not honour `after`; a repeat of the same list ends the walk.
      onStall: "stop",
      fetchPage: (after) =>
        transport.requestJson({
          method: "GET",
          path: `${basePath}/${resource}`,
          query: { after, page_size: pageSize },
          signal: request.signal,
        }),
      parseRecord: (raw) => parseRecord(schema, raw),
      onMalformed: (record) =>
        emitEvent(options.onEvent, { type: "malformed-record", resource, ...record }),
    });
    for await (const page of pages) {
      list.records.push(...page.records);
      list.malformed.push(...page.malformed);
    }
    return list;
  }

  return {
    ...createWebhooksApi(transport, options.onEvent),
    listSales: (list = {}) => listByVersion("sales", saleSchema, list),
    fetchSale: (saleId, request = {}) =>
      fetchOne({ resource: "sales", id: saleId, schema: saleSchema, signal: request.signal }),
    listCustomers: (list = {}) => listByVersion("customers", customerSchema, list),
    fetchCustomer: (customerId, request = {}) =>
      fetchOne({
        resource: "customers",
        id: customerId,
        schema: customerSchema,
        signal: request.signal,
      }),
    listProducts: (list = {}) => listByVersion("products", productSchema, list),
    fetchProduct: (productId, request = {}) =>
      fetchOne({
        resource: "products",
        id: productId,
        schema: productSchema,
        signal: request.signal,
      }),
    listBrands: (list = {}) => listByVersion("brands", brandSchema, list),
    listProductCategories: (list = {}) =>
      listByVersion("product_types", productCategorySchema, list),
    setCustomerGroup: async ({ customerId, customerGroupId, signal }) => {
      if (customerGroupId.trim() === "") {
        throw new DomainError("BAD_INPUT", "customer group id is empty");
      }
      // Only the field we change: the API 2.0 PUT updates the fields it is given. Whether it
      // insists on first_name/last_name on update (they are "required on write") is UNCONFIRMED.
      return fetchOne({
        resource: "customers",
        id: customerId,
        schema: customerSchema,
        method: "PUT",
        body: { customer_group_id: customerGroupId },
        signal,
      });
    },
    fetchCustomerGroups: (request = {}) =>
      fetchReferenceList("customer_groups", customerGroupSchema, request),
    fetchRegisters: (request = {}) => fetchReferenceList("registers", registerSchema, request),
    fetchOutlets: (request = {}) => fetchReferenceList("outlets", outletSchema, request),
    get rateLimit() {
      return transport.rateLimit;
    },
  };
}

function resolveBaseUrl(options: LightspeedClientOptions): string {
  if (options.baseUrl !== undefined) {
    if (!URL.canParse(options.baseUrl)) {
      throw new DomainError("CONFIG", "Lightspeed base URL is not a URL");
    }
    return options.baseUrl;
  }
  const prefix = options.domainPrefix ?? "";
  // The prefix becomes part of a host name: letters, digits and dashes only.
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(prefix)) {
    throw new DomainError("CONFIG", "Lightspeed domain prefix is missing or not a host label", {
      details: { domainPrefixLength: prefix.length },
    });
  }
  return `https://${prefix.toLowerCase()}.retail.lightspeed.app`;
}

function encodeId(id: string): string {
  if (id.trim() === "") throw new DomainError("BAD_INPUT", "resource id is empty");
  return encodeURIComponent(id);
}
