// One simulated X-Series store: its records, the simulated clock, the global version counter,
// webhooks, rate limiting and fault injection. Every change goes through here so versions bump
// and webhooks fire exactly once per change, for API calls and programmatic control alike.
import { CatalogRecords } from "./catalog-records";
import { buildCustomerRecord, type CustomerInput } from "./customer-record";
import { checkDateVersions } from "./date-version";
import { pickRandomLines, resolveEcomBuyer, type SaleLineRequest } from "./ecom-buyer";
import { exportEcomCsv } from "./ecom-csv-export";
import { defaultEcomDelay, drawEcomDelay, type EcomDelayOption } from "./ecom-delay";
import { createEcomOrder, type EcomBuyer } from "./ecom-order-factory";
import { buildEcomSale } from "./ecom-sale";
import { FakePeople } from "./fake-people";
import { type CorruptibleKind, FaultInjector } from "./fault-injector";
import { buildProductRecord, productWebhookPayload } from "./product-record";
import { defaultRateLimit, RateLimiter } from "./rate-limiter";
import type {
  Brand,
  Customer,
  CustomerGroup,
  EcomFulfillment,
  EcomOrder,
  Outlet,
  Product,
  ProductRecord,
  ProductType,
  Register,
  Sale,
  SaleStatus,
} from "./resource-types";
import { buildSale } from "./sale-builder";
import { stateForStatus } from "./sale-status";
import { SeededRandom } from "./seeded-random";
import { SimulatedClock } from "./simulated-clock";
import { SimulatorError } from "./simulator-error";
import {
  DEFAULT_DATE_VERSIONS,
  DEFAULT_DOMAIN_PREFIX,
  DEFAULT_ECOM_STORE_ID,
  DEFAULT_SEED,
  DEFAULT_START,
  DEFAULT_TIME_ZONE,
  defaultStoreSize,
  defaultToken,
  type SimulatedStoreOptions,
  type StoreSize,
} from "./simulator-options";
import { createStoreCatalog } from "./store-catalog";
import { createStoreFixtures, type StoreFixtures } from "./store-fixtures";
import { generateStoreHistory } from "./store-generator";
import { VersionCounter } from "./version-counter";
import { type ListQuery, pageByVersion, type VersionPage } from "./version-cursor";
import { WebhookDispatcher } from "./webhook-dispatcher";
import { customerWebhookPayload, saleWebhookPayload } from "./webhook-payload";
import { WebhookSubscriptions } from "./webhook-subscriptions";
import { formatApiDate } from "./wire-format";

/** Maps iterate in version order (see put), which list paging relies on. */
const sorted = { presorted: true };

export interface CreateSaleInput {
  customer_id?: string | null;
  /** Defaults to the first in-store register. */
  register_id?: string;
  user_id?: string;
  /** Default CLOSED. Unpaid statuses (SAVED, ONACCOUNT, LAYBY) get no payments. */
  status?: SaleStatus;
  note?: string;
  /** Defaults to now. */
  sale_date?: Date | string;
  /** Products by id (default: random catalog products); price is the tax-exclusive unit price. */
  line_items?: { product_id?: string; quantity?: number; price?: number }[];
  /** Default "cash". */
  payment?: "cash" | "card";
}

export interface UpdateSaleInput {
  status?: SaleStatus;
  note?: string;
  customer_id?: string | null;
}

export interface PlaceEcomOrderInput {
  /** Buyer email; matched to X-Series customers on sync. Default: an existing or new fake person. */
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Ten digits. */
  phoneDigits?: string | null;
  fulfillment?: EcomFulfillment;
  lines?: { product_id?: string; quantity?: number }[];
  loyaltyCents?: number;
  comments?: string;
  /** The buyer's answer to the marketing question at checkout (default: drawn, 60% yes). */
  acceptMarketing?: boolean;
  /** Override the drawn sync delay (ms). */
  delayMs?: number;
}

/** A change to a catalog product (the store owner edits it in X-Series). */
export interface UpdateProductInput {
  name?: string;
  sku?: string;
  /** Tax-exclusive price; later sales charge it. */
  price?: number;
  brand_id?: string | null;
  product_type_id?: string | null;
}

export interface StoreSnapshot {
  now: string;
  version: number;
  products: number;
  outlets: number;
  registers: number;
  customers: number;
  sales: number;
  ecomOrders: number;
  pendingEcomOrders: number;
  pendingWebhooks: number;
}

export class SimulatedStore {
  readonly seed: number;
  readonly token: string;
  readonly domainPrefix: string;
  readonly retailerId: string;
  readonly ecomStoreId: string;
  readonly timeZone: string;
  /** Used for the placeholder address cashiers type when a customer gives no email. */
  readonly placeholderEmail: string;
  readonly clock: SimulatedClock;
  /** The clock's start: generated history lies before it. */
  readonly startMs: number;
  readonly faults: FaultInjector;
  readonly webhooks: WebhookDispatcher;
  readonly rateLimiter: RateLimiter;
  readonly fixtures: StoreFixtures;
  readonly size: StoreSize;
  readonly autoSyncEcom: boolean;
  /** Served under `/api/{YYYY-MM}/...`, oldest first. */
  readonly dateVersions: readonly string[];
  /** Products, brands and product types as the API serves them. */
  readonly catalog: CatalogRecords;

  private readonly versions: VersionCounter;
  private readonly random: SeededRandom;
  private readonly people: FakePeople;
  private readonly ecomDelay: EcomDelayOption;
  private readonly outletRecords = new Map<string, Outlet>();
  private readonly registerRecords = new Map<string, Register>();
  private readonly groupRecords = new Map<string, CustomerGroup>();
  private readonly customerRecords = new Map<string, Customer>();
  private readonly saleRecords = new Map<string, Sale>();
  private readonly orders = new Map<string, EcomOrder>();
  private nextOrderNumber = 1001;
  /** While replaying generated history: the timestamp to use, and no webhooks. */
  private historyAtMs: number | null = null;
  /** While syncing an eCom order: its arrival time. */
  private stampOverride: number | null = null;

  constructor(options: SimulatedStoreOptions = {}) {
    this.seed = options.seed ?? DEFAULT_SEED;
    this.token = options.token ?? defaultToken(this.seed);
    this.domainPrefix = options.domainPrefix ?? DEFAULT_DOMAIN_PREFIX;
    this.ecomStoreId = options.ecomStoreId ?? DEFAULT_ECOM_STORE_ID;
    if (this.ecomStoreId.length !== 16) throw new RangeError("ecomStoreId must have 16 characters");
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.placeholderEmail = `noemail@${this.domainPrefix}.example`;
    this.size = { ...defaultStoreSize, ...options.store };
    this.autoSyncEcom = options.autoSyncEcom ?? true;
    this.ecomDelay = options.ecomDelay ?? defaultEcomDelay;
    this.dateVersions = checkDateVersions(options.dateVersions ?? DEFAULT_DATE_VERSIONS);

    const root = new SeededRandom(this.seed);
    // Separate streams: a new draw in one area must not reshuffle everything else.
    const fixtureRandom = root.fork("fixtures");
    this.versions = new VersionCounter(root.fork("versions"), 1_000_000 + root.int(0, 99_999));
    this.random = root.fork("runtime");
    this.people = new FakePeople(root.fork("people"));
    const historyRandom = root.fork("history");
    // Drawn last from the root: subscriptions' ids shift nothing else the seed makes.
    const webhookIds = root.fork("webhook-subscriptions");
    // After the subscriptions: the catalog's draws shift nothing drawn before it.
    const catalogRandom = root.fork("catalog");

    const startMs = (options.start ?? DEFAULT_START).getTime();
    this.startMs = startMs;
    this.clock = new SimulatedClock(startMs, options.clock ?? "manual");
    this.retailerId = fixtureRandom.uuid();
    this.fixtures = createStoreFixtures(fixtureRandom, startMs);
    const catalog = createStoreCatalog(catalogRandom, this.fixtures.products, [
      ...this.fixtures.products.map((product) => product.sku),
      this.fixtures.deliveryFee.sku,
    ]);
    this.fixtures.products = catalog.products;
    this.catalog = new CatalogRecords(() => this.versions.next());
    this.faults = new FaultInjector((kind, id, bump) => this.touchForCorruption(kind, id, bump));
    this.webhooks = new WebhookDispatcher(
      () => this.clock.nowMs(),
      { domainPrefix: this.domainPrefix, retailerId: this.retailerId },
      this.faults.webhooks,
      options.webhook,
      new WebhookSubscriptions(this.retailerId, () => webhookIds.uuid()),
    );
    const registers = [...this.fixtures.inStoreRegisters, this.fixtures.onlineRegister];
    this.rateLimiter = new RateLimiter(
      options.rateLimit?.limit ?? defaultRateLimit(registers.length),
      options.rateLimit?.windowMs,
    );

    const setupMs = startMs - (this.size.months * 31 + 400) * 86_400_000;
    this.atHistory(setupMs, () => {
      this.put(this.outletRecords, this.fixtures.outlet);
      for (const register of registers) this.put(this.registerRecords, register);
      for (const group of this.fixtures.customerGroups) this.put(this.groupRecords, group);
      this.putCatalog(catalog.categories, catalog.brands, setupMs);
    });
    // Discontinued before the history begins: served with deleted_at, never sold.
    this.atHistory(setupMs + 86_400_000, () => {
      this.putProductRecord(catalog.discontinued, formatApiDate(setupMs));
      this.deleteProduct(catalog.discontinued.id);
    });
    generateStoreHistory(this, historyRandom, this.people);
  }

  // ---- clock -------------------------------------------------------------------------------

  now(): Date {
    return this.clock.now();
  }

  /** Moves the simulated clock forward (and syncs eCom orders that became due). */
  advanceClock(ms: number): Date {
    this.clock.advance(ms);
    this.tick();
    return this.now();
  }

  /** Housekeeping driven by time: syncs due eCom orders when autoSyncEcom is on. */
  tick(): void {
    if (this.autoSyncEcom) this.syncPendingEcomOrders();
  }

  // ---- reads -------------------------------------------------------------------------------

  get version(): number {
    return this.versions.current;
  }

  outlets(): Outlet[] {
    return [...this.outletRecords.values()];
  }

  registers(): Register[] {
    return [...this.registerRecords.values()];
  }

  customerGroups(): CustomerGroup[] {
    return [...this.groupRecords.values()];
  }

  /** All customers, deleted ones included, in version order. */
  customers(): Customer[] {
    return byVersion(this.customerRecords.values());
  }

  /** All sales, deleted ones included, in version order. */
  sales(): Sale[] {
    return byVersion(this.saleRecords.values());
  }

  /** Every eCom order placed so far (synced or not), oldest first. */
  ecomOrders(): EcomOrder[] {
    const now = this.clock.nowMs();
    return [...this.orders.values()].filter((order) => order.placedAtMs <= now);
  }

  /** The buyer changed their marketing answer: the shop's later exports say so on this order. */
  setEcomMarketingConsent(orderNumber: string, acceptMarketing: boolean): EcomOrder {
    const order = this.orders.get(orderNumber);
    if (!order) throw new SimulatorError("NOT_FOUND", `no eCom order ${orderNumber}`);
    order.acceptMarketing = acceptMarketing;
    return order;
  }

  pendingEcomOrders(): EcomOrder[] {
    return this.ecomOrders().filter((order) => order.saleId === null);
  }

  getSale(id: string): Sale {
    const sale = this.saleRecords.get(id);
    if (!sale) throw new SimulatorError("NOT_FOUND", `no sale with id ${id}`);
    return sale;
  }

  getCustomer(id: string): Customer {
    const customer = this.customerRecords.get(id);
    if (!customer) throw new SimulatorError("NOT_FOUND", `no customer with id ${id}`);
    return customer;
  }

  /**
   * Sales include deleted ones: `/api/2.0/sales` documents no `deleted` parameter, and the feed
   * is how clients learn about deletions (UNCONFIRMED; our choice).
   */
  listSales(query: ListQuery): VersionPage<Sale> {
    return pageByVersion(this.saleRecords.values(), query, sorted);
  }

  /** Deleted customers only with `deleted=true` (reference §4.1). */
  listCustomers(query: ListQuery): VersionPage<Customer> {
    return pageByVersion(this.visible(this.customerRecords, query), query, sorted);
  }

  listCustomerGroups(query: ListQuery): VersionPage<CustomerGroup> {
    return pageByVersion(this.visible(this.groupRecords, query), query, sorted);
  }

  listRegisters(query: ListQuery): VersionPage<Register> {
    return pageByVersion(this.visible(this.registerRecords, query), query, sorted);
  }

  listOutlets(query: ListQuery): VersionPage<Outlet> {
    return pageByVersion(this.visible(this.outletRecords, query), query, sorted);
  }

  snapshot(): StoreSnapshot {
    return {
      now: formatApiDate(this.clock.nowMs()),
      version: this.versions.current,
      products: this.catalog.productCount,
      outlets: this.outletRecords.size,
      registers: this.registerRecords.size,
      customers: this.customerRecords.size,
      sales: this.saleRecords.size,
      ecomOrders: this.ecomOrders().length,
      pendingEcomOrders: this.pendingEcomOrders().length,
      pendingWebhooks: this.webhooks.pending.length,
    };
  }

  // ---- customers ---------------------------------------------------------------------------

  createCustomer(input: CustomerInput = {}): Customer {
    if (input.customer_group_id !== undefined) this.requireGroup(input.customer_group_id);
    const filled: CustomerInput =
      input.first_name === undefined && input.last_name === undefined && input.email === undefined
        ? this.fakeCustomerInput()
        : {};
    const customer = buildCustomerRecord({
      random: this.random,
      input: { ...filled, ...input },
      defaultGroupId: this.fixtures.defaultGroupId,
      atIso: formatApiDate(this.timestampMs()),
    });
    this.put(this.customerRecords, customer);
    this.emitCustomer(customer);
    return customer;
  }

  /** Applies a partial update (e.g. `customer_group_id`); unknown group → UNPROCESSABLE (422). */
  updateCustomer(id: string, patch: CustomerInput): Customer {
    const current = this.getCustomer(id);
    if (patch.customer_group_id !== undefined) this.requireGroup(patch.customer_group_id);
    const next: Customer = { ...current, ...patch, id: current.id };
    if (patch.first_name !== undefined || patch.last_name !== undefined) {
      next.name = [next.first_name, next.last_name].filter(Boolean).join(" ") || null;
    }
    next.updated_at = formatApiDate(this.timestampMs());
    this.put(this.customerRecords, next);
    this.emitCustomer(next);
    return next;
  }

  deleteCustomer(id: string): Customer {
    const current = this.getCustomer(id);
    const at = formatApiDate(this.timestampMs());
    const next: Customer = { ...current, deleted_at: current.deleted_at ?? at, updated_at: at };
    this.put(this.customerRecords, next);
    this.emitCustomer(next);
    return next;
  }

  // ---- catalog -----------------------------------------------------------------------------

  getProduct(id: string): ProductRecord {
    return this.catalog.getProduct(id);
  }

  /**
   * Edits a product: a new version and a `product.update` webhook; a new price applies to later
   * sales and eCom orders. Unknown brand or product type → UNPROCESSABLE (422).
   */
  updateProduct(id: string, patch: UpdateProductInput): ProductRecord {
    const current = this.catalog.getProduct(id);
    if (patch.brand_id) this.requireCatalogRef("brand_id", this.catalog.brand(patch.brand_id));
    if (patch.product_type_id) {
      this.requireCatalogRef("product_type_id", this.catalog.productType(patch.product_type_id));
    }
    const sellable = this.fixtures.products.find((product) => product.id === id);
    const next: ProductRecord = {
      ...current,
      ...(patch.name === undefined ? {} : { name: patch.name, variant_name: patch.name }),
      ...(patch.sku === undefined ? {} : { sku: patch.sku }),
      ...(patch.price === undefined ? {} : { price_excluding_tax: patch.price }),
      ...(patch.brand_id === undefined ? {} : { brand_id: patch.brand_id }),
      ...(patch.product_type_id === undefined ? {} : { product_type_id: patch.product_type_id }),
      updated_at: formatApiDate(this.timestampMs()),
    };
    if (sellable) {
      sellable.name = next.name;
      sellable.sku = next.sku;
      sellable.priceCents = Math.round(next.price_excluding_tax * 100);
      sellable.brandId = next.brand_id;
      sellable.categoryId = next.product_type_id;
    }
    this.catalog.putProduct(next);
    this.emitProduct(next);
    return next;
  }

  /** The store stops selling a product: `deleted_at` set, a new version, a webhook. */
  deleteProduct(id: string): ProductRecord {
    const current = this.catalog.getProduct(id);
    const at = formatApiDate(this.timestampMs());
    const next: ProductRecord = {
      ...current,
      active: false,
      deleted_at: current.deleted_at ?? at,
      updated_at: at,
    };
    const retired = this.fixtures.products.filter((product) => product.id === id);
    this.fixtures.retiredProducts.push(...retired);
    this.fixtures.products = this.fixtures.products.filter((product) => product.id !== id);
    this.catalog.putProduct(next);
    this.emitProduct(next);
    return next;
  }

  // ---- sales -------------------------------------------------------------------------------

  createSale(input: CreateSaleInput = {}): Sale {
    const register = this.registerRecords.get(
      input.register_id ?? this.fixtures.inStoreRegisters[0]?.id ?? "",
    );
    if (!register) throw new SimulatorError("BAD_INPUT", `no register ${input.register_id}`);
    const customerId = input.customer_id ?? null;
    if (customerId !== null) this.getCustomer(customerId);
    const userId = input.user_id ?? this.random.pick(this.fixtures.users).id;
    const status = input.status ?? "CLOSED";
    const nowMs = this.timestampMs();
    const saleDateMs = input.sale_date === undefined ? nowMs : new Date(input.sale_date).getTime();
    if (Number.isNaN(saleDateMs)) throw new SimulatorError("BAD_INPUT", "sale_date is not a date");
    const lines = (input.line_items ?? this.randomLines()).map((line) => {
      const product = line.product_id
        ? this.fixtures.products.find((p) => p.id === line.product_id)
        : this.random.pick(this.fixtures.products);
      if (!product) throw new SimulatorError("BAD_INPUT", `no product ${line.product_id}`);
      const quantity = line.quantity ?? 1;
      if (!Number.isInteger(quantity) || quantity < 1) {
        throw new SimulatorError("BAD_INPUT", "quantity must be a positive integer");
      }
      return {
        product,
        quantity,
        ...(line.price === undefined ? {} : { priceCents: Math.round(line.price * 100) }),
      };
    });
    if (lines.length === 0) throw new SimulatorError("BAD_INPUT", "a sale needs line items");
    const paid = !["SAVED", "ONACCOUNT", "LAYBY"].includes(status);
    const paymentType =
      input.payment === "card" ? this.fixtures.paymentTypes.card : this.fixtures.paymentTypes.cash;
    register.invoice_sequence += 1;
    const sale = buildSale({
      random: this.random,
      outletId: register.outlet_id,
      registerId: register.id,
      userId,
      customerId,
      invoiceSequence: register.invoice_sequence,
      invoicePrefix: register.invoice_prefix,
      source: "USER",
      sourceId: null,
      status,
      note: input.note ?? "",
      saleDateMs,
      createdAtMs: nowMs,
      lines,
      taxRates: this.fixtures.taxRates,
      taxGroupId: this.fixtures.taxGroupId,
      noTaxId: this.fixtures.noTaxId,
      payments: paid ? [{ type: paymentType }] : [],
      loyaltyRate: customerId ? 0.05 : 0,
    });
    this.put(this.saleRecords, sale);
    this.emitSale(sale);
    return sale;
  }

  /** Changes status/note/customer (e.g. AWAITING_PICKUP → PICKED_UP_CLOSED); bumps the version. */
  updateSale(id: string, patch: UpdateSaleInput): Sale {
    const current = this.getSale(id);
    if (patch.customer_id) this.getCustomer(patch.customer_id);
    const status = patch.status ?? current.status;
    const next: Sale = {
      ...current,
      ...patch,
      status,
      ...stateForStatus(status),
      updated_at: formatApiDate(this.timestampMs()),
    };
    this.put(this.saleRecords, next);
    this.emitSale(next);
    return next;
  }

  deleteSale(id: string): Sale {
    const current = this.getSale(id);
    const at = formatApiDate(this.timestampMs());
    const next: Sale = { ...current, deleted_at: current.deleted_at ?? at, updated_at: at };
    this.put(this.saleRecords, next);
    this.emitSale(next);
    return next;
  }

  // ---- eCom --------------------------------------------------------------------------------

  /** Places an order on the storefront now; it reaches X-Series after its sync delay. */
  placeEcomOrder(input: PlaceEcomOrderInput = {}): EcomOrder {
    return this.addEcomOrder(this.random, input, this.timestampMs(), 0);
  }

  /** Syncs every order whose delay has elapsed at now(), in arrival order; returns new sales. */
  syncPendingEcomOrders(): Sale[] {
    const now = this.clock.nowMs();
    const due = [...this.orders.values()]
      .filter((order) => order.saleId === null && order.arrivesAtMs <= now)
      .sort((a, b) => a.arrivesAtMs - b.arrivesAtMs || a.placedAtMs - b.placedAtMs);
    return due.map((order) => this.syncOrder(order, order.arrivesAtMs));
  }

  /** Forces one order into X-Series now (even before its delay elapsed); idempotent. */
  syncEcomOrder(orderNumber: string): Sale {
    const order = this.orders.get(orderNumber);
    if (!order || order.placedAtMs > this.clock.nowMs()) {
      throw new SimulatorError("NOT_FOUND", `no eCom order ${orderNumber}`);
    }
    if (order.saleId) return this.getSale(order.saleId);
    return this.syncOrder(order, Math.min(order.arrivesAtMs, this.clock.nowMs()));
  }

  /** The storefront's CSV export of every order placed so far (ecom-csv.md §1). */
  ecomCsvExport(): string {
    return exportEcomCsv({
      orders: this.ecomOrders(),
      nowMs: this.clock.nowMs(),
      timeZone: this.timeZone,
      shopName: `${this.fixtures.outlet.name} pickup`,
    });
  }

  // ---- used by the history generator -------------------------------------------------------

  /** @internal Runs `fn` as if at `atMs`, without firing webhooks (generated history). */
  atHistory<T>(atMs: number, fn: () => T): T {
    this.historyAtMs = atMs;
    try {
      return fn();
    } finally {
      this.historyAtMs = null;
    }
  }

  /** @internal Adds a generated order placed at `placedAtMs`. */
  addEcomOrder(
    random: SeededRandom,
    input: PlaceEcomOrderInput,
    placedAtMs: number,
    closedOnArrivalChance: number,
  ): EcomOrder {
    const buyer = this.resolveBuyer(random, input);
    const lines = (input.lines ?? this.randomLines(random)).map((line) => {
      const product = line.product_id
        ? this.fixtures.products.find((p) => p.id === line.product_id)
        : random.pick(this.fixtures.products);
      if (!product) throw new SimulatorError("BAD_INPUT", `no product ${line.product_id}`);
      return { product, quantity: line.quantity ?? 1 };
    });
    const order = createEcomOrder({
      random,
      orderNumber: String(this.nextOrderNumber++),
      buyer,
      placedAtMs,
      delayMs: input.delayMs ?? drawEcomDelay(this.ecomDelay, random),
      lines,
      taxRates: this.fixtures.taxRates,
      deliveryFeeCents: this.fixtures.deliveryFee.priceCents,
      closedOnArrivalChance,
      ...(input.fulfillment ? { fulfillment: input.fulfillment } : {}),
      ...(input.loyaltyCents === undefined ? {} : { loyaltyCents: input.loyaltyCents }),
      ...(input.comments === undefined ? {} : { comments: input.comments }),
      ...(input.acceptMarketing === undefined ? {} : { acceptMarketing: input.acceptMarketing }),
    });
    this.orders.set(order.orderNumber, order);
    return order;
  }

  /** @internal Syncs one order as if it arrived at `arrivedAtMs`. */
  syncOrder(order: EcomOrder, arrivedAtMs: number): Sale {
    return this.withTimestamp(arrivedAtMs, () => {
      // Matched by email (the oldest live record wins); otherwise the integration creates one.
      const email = order.email.toLowerCase();
      const match = this.customers().find(
        (customer) => customer.deleted_at === null && customer.email?.toLowerCase() === email,
      );
      const customer =
        match ??
        this.createCustomer({
          first_name: order.firstName,
          last_name: order.lastName,
          email: order.email,
          mobile: order.phone?.trim() ?? null,
        });
      const register = this.fixtures.onlineRegister;
      register.invoice_sequence += 1;
      const sale = buildEcomSale({
        random: this.random,
        order,
        fixtures: this.fixtures,
        ecomStoreId: this.ecomStoreId,
        customerId: customer.id,
        invoiceSequence: register.invoice_sequence,
        arrivedAtMs,
        timeZone: this.timeZone,
      });
      order.saleId = sale.id;
      this.put(this.saleRecords, sale);
      // Which webhook fires for eCom-originated sales is UNCONFIRMED; sale.update ("created or
      // modified") is the documented candidate.
      this.emitSale(sale);
      return sale;
    });
  }

  // ---- internals ---------------------------------------------------------------------------

  private timestampMs(): number {
    return this.historyAtMs ?? this.stampOverride ?? this.clock.nowMs();
  }

  /** Stamps records made inside `fn` with `atMs` (an order's arrival time); webhooks still fire. */
  private withTimestamp<T>(atMs: number, fn: () => T): T {
    const saved = this.stampOverride;
    this.stampOverride = atMs;
    try {
      return fn();
    } finally {
      this.stampOverride = saved;
    }
  }

  /**
   * Every write takes a fresh, higher version and moves the record to the end of its map, so each
   * map iterates in ascending version order (lists page without sorting).
   */
  private put<T extends { id: string; version: number }>(map: Map<string, T>, record: T): void {
    record.version = this.versions.next();
    map.delete(record.id);
    map.set(record.id, record);
  }

  /** The catalog at setup: categories, brands, then every product (the delivery fee too). */
  private putCatalog(categories: ProductType[], brands: Brand[], atMs: number): void {
    for (const category of categories) this.catalog.putProductType(category);
    for (const brand of brands) this.catalog.putBrand(brand);
    const at = formatApiDate(atMs);
    for (const product of [...this.fixtures.products, this.fixtures.deliveryFee]) {
      this.putProductRecord(product, at);
    }
  }

  private putProductRecord(product: Product, createdAtIso: string): ProductRecord {
    const hasVariants = this.fixtures.products.some(
      (other) => other.variantParentId === product.id,
    );
    return this.catalog.putProduct(
      buildProductRecord({ product, hasVariants, createdAtIso, atIso: createdAtIso }),
    );
  }

  private requireCatalogRef(field: string, record: { deleted_at: string | null } | null): void {
    if (!record || record.deleted_at !== null) {
      throw new SimulatorError("UNPROCESSABLE", `${field} does not exist`);
    }
  }

  private emitProduct(product: ProductRecord): void {
    if (this.historyAtMs !== null) return;
    this.webhooks.enqueue(
      "product.update",
      product.id,
      product.version,
      productWebhookPayload(product, {
        brand: this.catalog.brand(product.brand_id),
        type: this.catalog.productType(product.product_type_id),
        retailerId: this.retailerId,
      }),
    );
  }

  private visible<T extends { deleted_at: string | null }>(
    map: Map<string, T>,
    query: ListQuery,
  ): Iterable<T> {
    if (query.includeDeleted) return map.values();
    return [...map.values()].filter((record) => record.deleted_at === null);
  }

  private emitCustomer(customer: Customer): void {
    if (this.historyAtMs !== null) return;
    this.webhooks.enqueue(
      "customer.update",
      customer.id,
      customer.version,
      customerWebhookPayload(customer, this.retailerId),
    );
  }

  private emitSale(sale: Sale): void {
    if (this.historyAtMs !== null) return;
    const customer = sale.customer_id ? (this.customerRecords.get(sale.customer_id) ?? null) : null;
    this.webhooks.enqueue(
      "sale.update",
      sale.id,
      sale.version,
      saleWebhookPayload(sale, {
        customer,
        customerGroupName: customer
          ? (this.groupRecords.get(customer.customer_group_id)?.name ?? null)
          : null,
        userName: this.fixtures.users.find((user) => user.id === sale.user_id)?.email ?? "",
        taxName: this.fixtures.taxRates.map((rate) => rate.name).join(" + "),
      }),
    );
  }

  private touchForCorruption(kind: CorruptibleKind, id: string, bumpVersion: boolean): void {
    const record = kind === "sale" ? this.getSale(id) : this.getCustomer(id);
    if (!bumpVersion) return;
    if (kind === "sale") this.put(this.saleRecords, { ...(record as Sale) });
    else this.put(this.customerRecords, { ...(record as Customer) });
  }

  private requireGroup(id: string): void {
    const group = this.groupRecords.get(id);
    if (!group || group.deleted_at !== null) {
      throw new SimulatorError("UNPROCESSABLE", `customer_group_id ${id} does not exist`);
    }
  }

  private fakeCustomerInput(): CustomerInput {
    const person = this.people.next();
    return {
      first_name: person.firstName,
      last_name: person.lastName,
      email: person.email,
      gender: person.gender,
    };
  }

  private randomLines(random: SeededRandom = this.random): SaleLineRequest[] {
    return pickRandomLines(random, this.fixtures.products);
  }

  private resolveBuyer(random: SeededRandom, input: PlaceEcomOrderInput): EcomBuyer {
    return resolveEcomBuyer({
      random,
      input,
      people: this.people,
      customers: this.customers(),
      placeholderEmail: this.placeholderEmail,
    });
  }
}

function byVersion<T extends { version: number }>(records: Iterable<T>): T[] {
  return [...records].sort((a, b) => a.version - b.version);
}
