// Erasure of a customer (an account deletion request), in one transaction under the merge lock:
// the person's identifiers are recorded as hashes (so ingestion scrubs whatever brings them back),
// every table is scrubbed of their emails, phones, names, addresses and free text, and their
// identity-graph rows, sessions, codes and devices are deleted.
//
// Their orders are kept, still pointing at the customer row, which stays as an erased shell
// (`erasedAt` set, no name, no identities): store totals, channel mix and new-vs-returning counts
// are unchanged, while lookups and customer lists (which filter `erasedAt: null`) no longer see
// it. The merge keeps an erased person's records out of the identity graph and assigns their
// orders, including later ones, to the shell (see merge/rebuild-orders.ts).
import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@greenloop/db";
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import { DomainError } from "@greenloop/order-sync/errors";
import {
  createIdentifierBlocklist,
  defaultBlockedIdentifierRules,
  displayName,
} from "@greenloop/order-sync/identity";
import Decimal from "decimal.js";
import { hashEcomOrder } from "../imports/ecom-order-hash";
import { inMergeTransaction } from "../merge/merge-changes";
import {
  type ErasableIdentifier,
  type ErasableKind,
  erasableIdentifiersOf,
  hashIdentifierValue,
  scrubPhoneRegion,
} from "./erased-identifiers";
import {
  erasedEcomRecord,
  erasedWebhookBody,
  redactCustomerPayload,
  redactSaleNote,
  redactSalePayload,
  scrubEcomOrder,
} from "./redact-records";

type Tx = Prisma.TransactionClient;

export interface EraseCustomerInput {
  /** The customer to erase; a merged-away id is followed to the customer it was merged into. */
  customerId: string;
  /** Who ran it (an operator token's name): kept in the audit row. */
  requestedBy: string;
  reason?: string | null;
  now: Date;
}

export interface ErasureResult {
  erasureId: string;
  /** The erased customer (the survivor when a merged-away id was given). */
  customerId: string;
  erasedAt: Date;
  /** Rows changed per table: counts only. */
  removed: Record<string, number>;
  /** The customer had been erased before: nothing was changed this time. */
  alreadyErased: boolean;
}

export function eraseCustomer(
  db: Pick<Database, "prisma">,
  input: EraseCustomerInput,
): Promise<ErasureResult> {
  return inMergeTransaction(db, async (tx) => {
    const survivor = await findSurvivor(tx, input.customerId);
    if (survivor.erasedAt !== null) return previousErasure(tx, survivor.id);
    const person = await collectPerson(tx, survivor.id);
    const erasureId = randomUUID();
    const removed = await scrubPerson(tx, person, erasureId, input.now);
    await tx.erasure.create({
      data: {
        id: erasureId,
        customerId: survivor.id,
        requestedBy: input.requestedBy,
        reason: input.reason ?? null,
        removed,
        erasedAt: input.now,
      },
      select: { id: true },
    });
    return {
      erasureId,
      customerId: survivor.id,
      erasedAt: input.now,
      removed,
      alreadyErased: false,
    };
  });
}

async function findSurvivor(tx: Tx, customerId: string) {
  let id = customerId;
  // Merges leave no chains (merge/write-resolution.ts); the bound only guards against a cycle.
  for (let hop = 0; hop < 10; hop++) {
    const customer = await tx.customer.findUnique({
      where: { id },
      select: { id: true, mergedIntoId: true, erasedAt: true },
    });
    if (!customer) throw new DomainError("NOT_FOUND", `No customer ${customerId}.`);
    if (customer.mergedIntoId === null) return customer;
    id = customer.mergedIntoId;
  }
  throw new DomainError("INTERNAL", `Customer ${customerId} is merged in a cycle.`);
}

async function previousErasure(tx: Tx, customerId: string): Promise<ErasureResult> {
  const erasure = await tx.erasure.findFirst({
    where: { customerId },
    orderBy: { erasedAt: "desc" },
    select: { id: true, customerId: true, erasedAt: true, removed: true },
  });
  if (!erasure) {
    throw new DomainError("INTERNAL", `Customer ${customerId} is erased but has no erasure row.`);
  }
  return {
    erasureId: erasure.id,
    customerId: erasure.customerId,
    erasedAt: erasure.erasedAt,
    removed: erasure.removed as Record<string, number>,
    alreadyErased: true,
  };
}

interface RetailCustomerRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  payload: unknown;
}

interface EcomOrderRow {
  id: string;
  orderNumber: string;
  placedAt: Date;
  email: string | null;
  phone: string | null;
  customerName: string | null;
  paymentStatusCode: string | null;
  paymentStatusLabel: string | null;
  fulfillmentStatusCode: string | null;
  fulfillmentStatusLabel: string | null;
  subtotal: string | null;
  tax: string | null;
  shipping: string | null;
  discount: string | null;
  total: string;
  xseriesOrderIdHint: string | null;
}

interface Person {
  survivorId: string;
  /** The survivor and every customer merged into it. */
  customerIds: string[];
  /** Identity records to drop (the person's, and any of their orders and X-Series ids). */
  recordKeys: string[];
  retailCustomers: RetailCustomerRow[];
  sales: Array<{ id: string; note: string | null; payload: unknown }>;
  ecomOrders: EcomOrderRow[];
  items: Map<string, ParsedEcomOrder["items"]>;
  /** Their own identifiers (not placeholders, not shared with anyone else): recorded as erased. */
  erased: ErasableIdentifier[];
  /** Every identifier the graph knew them by (shared ones too): their flags are cleaned up. */
  graphIdentifiers: ErasableIdentifier[];
  /** Emails, phones (raw and normalized) and names: searched in free-text columns. */
  emails: string[];
  phones: string[];
  names: string[];
}

const idKey = (id: { kind: string; value: string }) => `${id.kind}:${id.value}`;

async function collectPerson(tx: Tx, survivorId: string): Promise<Person> {
  const customers = await tx.$queryRawUnsafe<Array<{ id: string; displayName: string | null }>>(
    `SELECT id::text AS id, "displayName" FROM "Customer"
      WHERE id = $1::uuid OR "mergedIntoId" = $1::uuid`,
    survivorId,
  );
  const customerIds = customers.map((c) => c.id);
  const orders = await tx.$queryRawUnsafe<
    Array<{
      key: string;
      retailSaleId: string | null;
      ecomOrderNumber: string | null;
      retailCustomerId: string | null;
    }>
  >(
    `SELECT key, "retailSaleId", "ecomOrderNumber", "retailCustomerId" FROM "Order"
      WHERE "customerId" = ANY($1::uuid[])`,
    customerIds,
  );
  const records = await tx.$queryRawUnsafe<
    Array<{ key: string; identifiers: ErasableIdentifier[]; blocked: ErasableIdentifier[] }>
  >(
    `SELECT key, identifiers, blocked FROM "IdentityRecord"
      WHERE "customerId" = ANY($1::uuid[]) OR key = ANY($2::text[])`,
    customerIds,
    orders.map((order) => `order:${order.key}`),
  );
  const identities = await tx.$queryRawUnsafe<
    Array<{ kind: ErasableKind; value: string; blocked: boolean }>
  >(
    `SELECT kind::text AS kind, "normalizedValue" AS value, blocked FROM "CustomerIdentity"
      WHERE "customerId" = ANY($1::uuid[])`,
    customerIds,
  );

  const graph = new Map<string, ErasableIdentifier>();
  const blocked = new Set<string>();
  for (const record of records) {
    for (const id of asList(record.identifiers)) graph.set(idKey(id), id);
    for (const id of asList(record.blocked)) blocked.add(idKey(id));
  }
  for (const identity of identities) {
    graph.set(idKey(identity), { kind: identity.kind, value: identity.value });
    if (identity.blocked) blocked.add(idKey(identity));
  }
  const rcids = new Set<string>();
  for (const record of records) {
    if (record.key.startsWith("retail_customer:")) rcids.add(record.key.slice(16));
  }
  for (const order of orders) if (order.retailCustomerId) rcids.add(order.retailCustomerId);
  for (const id of graph.values()) if (id.kind === "RETAIL_CUSTOMER_ID") rcids.add(id.value);

  // Only the person's own emails reach records the merge has not seen yet.
  const ownEmails = [...graph.values()]
    .filter((id) => id.kind === "EMAIL" && !blocked.has(idKey(id)))
    .map((id) => id.value);
  const retailCustomers = await tx.$queryRawUnsafe<RetailCustomerRow[]>(
    `SELECT id, "firstName", "lastName", email, phone, mobile, payload FROM "RetailCustomer"
      WHERE id = ANY($1::text[]) OR lower(btrim(email)) = ANY($2::text[])`,
    [...rcids],
    ownEmails,
  );
  for (const row of retailCustomers) rcids.add(row.id);
  const orderNumbers = orders.flatMap((o) => (o.ecomOrderNumber ? [o.ecomOrderNumber] : []));
  const ecomOrders = await tx.$queryRawUnsafe<EcomOrderRow[]>(
    `SELECT id::text AS id, "orderNumber", "placedAt", email, phone, "customerName",
        "paymentStatusCode", "paymentStatusLabel", "fulfillmentStatusCode", "fulfillmentStatusLabel",
        subtotal::text AS subtotal, tax::text AS tax, shipping::text AS shipping,
        discount::text AS discount, total::text AS total, "xseriesOrderIdHint"
       FROM "EcomOrder" WHERE "orderNumber" = ANY($1::text[]) OR email = ANY($2::text[])`,
    orderNumbers,
    ownEmails,
  );
  const allNumbers = [...new Set([...orderNumbers, ...ecomOrders.map((o) => o.orderNumber)])];
  const sales = await tx.$queryRawUnsafe<
    Array<{ id: string; note: string | null; payload: unknown }>
  >(
    `SELECT id, note, payload FROM "RetailSale"
      WHERE id = ANY($1::text[]) OR "customerId" = ANY($2::text[])
         OR (source LIKE 'ecw:%' AND "sourceId" = ANY($3::text[]))`,
    orders.flatMap((o) => (o.retailSaleId ? [o.retailSaleId] : [])),
    [...rcids],
    allNumbers,
  );
  const items = await loadItems(
    tx,
    ecomOrders.map((o) => o.id),
  );

  // Identifiers as ingestion will compute them from these same records (see scrubPhoneRegion).
  const fromMirrors = [
    ...retailCustomers.flatMap((c) =>
      erasableIdentifiersOf({
        email: c.email,
        phones: [c.mobile, c.phone],
        retailCustomerId: c.id,
      }),
    ),
    ...ecomOrders.flatMap((o) => erasableIdentifiersOf({ email: o.email, phones: [o.phone] })),
  ];
  const candidates = new Map(graph);
  for (const id of fromMirrors) candidates.set(idKey(id), id);
  for (const id of rcids)
    candidates.set(`RETAIL_CUSTOMER_ID:${id}`, { kind: "RETAIL_CUSTOMER_ID", value: id });
  const recordKeys = [
    ...new Set([
      ...records.map((r) => r.key),
      ...orders.map((o) => `order:${o.key}`),
      ...[...rcids].map((id) => `retail_customer:${id}`),
    ]),
  ];
  const shared = await sharedIdentifiers(tx, [...candidates.values()], recordKeys);
  const placeholders = createIdentifierBlocklist(defaultBlockedIdentifierRules, {
    defaultRegion: scrubPhoneRegion,
  });
  const erased = [...candidates.values()].filter(
    (id) =>
      id.kind === "RETAIL_CUSTOMER_ID" ||
      (!blocked.has(idKey(id)) && !shared.has(idKey(id)) && placeholders.check(id) === null),
  );

  const own = (kind: ErasableKind) => erased.filter((id) => id.kind === kind).map((id) => id.value);
  const ownSet = new Set(erased.map(idKey));
  const rawEmails = [...retailCustomers.map((c) => c.email), ...ecomOrders.map((o) => o.email)];
  const rawPhones = [
    ...retailCustomers.flatMap((c) => [c.phone, c.mobile]),
    ...ecomOrders.map((o) => o.phone),
  ];
  // A raw value counts as theirs when it normalizes to one of their own identifiers.
  const isOwn = (raw: string | null, kind: "EMAIL" | "PHONE") =>
    raw !== null &&
    erasableIdentifiersOf(kind === "EMAIL" ? { email: raw } : { phones: [raw] }).some(
      (id) => id.kind === kind && ownSet.has(idKey(id)),
    );
  const names = [
    ...customers.map((c) => c.displayName),
    ...retailCustomers.flatMap((c) => [
      displayName(c.firstName, c.lastName),
      c.firstName,
      c.lastName,
    ]),
    ...ecomOrders.map((o) => o.customerName),
  ];
  return {
    survivorId,
    customerIds,
    recordKeys,
    retailCustomers,
    sales,
    ecomOrders,
    items,
    erased,
    graphIdentifiers: [...graph.values()],
    emails: distinct([
      ...own("EMAIL"),
      ...own("EMAIL_LOOSE"),
      ...rawEmails.filter((raw) => isOwn(raw, "EMAIL")),
    ]),
    phones: distinct([...own("PHONE"), ...rawPhones.filter((raw) => isOwn(raw, "PHONE"))]),
    names: distinct(names),
  };
}

function asList(value: unknown): ErasableIdentifier[] {
  return Array.isArray(value) ? (value as ErasableIdentifier[]) : [];
}

function distinct(values: Array<string | null | undefined>): string[] {
  return [
    ...new Set(
      values.map((v) => v?.trim()).filter((v): v is string => v !== undefined && v !== ""),
    ),
  ];
}

/** Identifiers some other record carries too, or flagged: someone else's data as well. */
async function sharedIdentifiers(
  tx: Tx,
  ids: ErasableIdentifier[],
  ownKeys: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.$queryRawUnsafe<Array<{ kind: string; value: string }>>(
    `SELECT i.kind::text AS kind, i.value
       FROM unnest($1::text[], $2::text[]) AS t(kind, value)
       JOIN "IdentityRecordIdentifier" i ON i.kind = t.kind::"IdentityKind" AND i.value = t.value
      WHERE i."recordKey" <> ALL($3::text[])
     UNION
     SELECT f.kind::text, f.value
       FROM unnest($1::text[], $2::text[]) AS t(kind, value)
       JOIN "FlaggedIdentifier" f ON f.kind = t.kind::"IdentityKind" AND f.value = t.value`,
    ids.map((id) => id.kind),
    ids.map((id) => id.value),
    ownKeys,
  );
  return new Set(rows.map(idKey));
}

async function loadItems(tx: Tx, orderIds: string[]): Promise<Person["items"]> {
  const items = new Map<string, ParsedEcomOrder["items"]>();
  if (orderIds.length === 0) return items;
  const rows = await tx.$queryRawUnsafe<
    Array<{
      ecomOrderId: string;
      position: number;
      sku: string | null;
      name: string;
      options: string | null;
      quantity: string;
      unitPrice: string;
      total: string;
    }>
  >(
    `SELECT "ecomOrderId"::text AS "ecomOrderId", position, sku, name, options,
        quantity::text AS quantity, "unitPrice"::text AS "unitPrice", total::text AS total
       FROM "EcomOrderItem" WHERE "ecomOrderId" = ANY($1::uuid[]) ORDER BY position`,
    orderIds,
  );
  for (const row of rows) {
    const list = items.get(row.ecomOrderId) ?? [];
    list.push({
      position: Number(row.position),
      sku: row.sku,
      name: row.name,
      options: row.options,
      quantity: new Decimal(row.quantity),
      unitPrice: new Decimal(row.unitPrice),
      total: new Decimal(row.total),
    });
    items.set(row.ecomOrderId, list);
  }
  return items;
}

/** The stored order as the importer would parse it again, for its content hash. */
function storedOrder(row: EcomOrderRow, items: ParsedEcomOrder["items"]): ParsedEcomOrder {
  const money = (value: string | null) => (value === null ? null : new Decimal(value));
  return {
    orderNumber: row.orderNumber,
    placedAt: row.placedAt,
    email: row.email,
    phone: row.phone,
    customerName: row.customerName,
    paymentStatusCode: row.paymentStatusCode,
    paymentStatusLabel: row.paymentStatusLabel,
    fulfillmentStatusCode: row.fulfillmentStatusCode,
    fulfillmentStatusLabel: row.fulfillmentStatusLabel,
    subtotal: money(row.subtotal),
    tax: money(row.tax),
    shipping: money(row.shipping),
    discount: money(row.discount),
    total: new Decimal(row.total),
    xseriesOrderIdHint: row.xseriesOrderIdHint,
    items,
    records: [],
    rows: [],
    lines: [],
  };
}

async function scrubPerson(
  tx: Tx,
  person: Person,
  erasureId: string,
  now: Date,
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  const count = (table: string, n: number) => {
    removed[table] = (removed[table] ?? 0) + n;
  };
  const { customerIds, recordKeys } = person;
  const rcids = person.retailCustomers.map((c) => c.id);
  const saleIds = person.sales.map((s) => s.id);
  const ecomIds = person.ecomOrders.map((o) => o.id);

  // Source records: contact columns emptied, payloads and CSV records reduced to what the merge
  // and the analytics read. `lastSeenAt`/`updatedAt` move, so the next merge sweep re-reads them.
  count(
    "RetailCustomer",
    await tx.$executeRawUnsafe(
      `UPDATE "RetailCustomer" c SET "customerCode" = NULL, "firstName" = NULL, "lastName" = NULL,
         email = NULL, phone = NULL, mobile = NULL, payload = t.payload::jsonb, "lastSeenAt" = now()
         FROM unnest($1::text[], $2::text[]) AS t(id, payload) WHERE c.id = t.id`,
      rcids,
      person.retailCustomers.map((c) =>
        JSON.stringify(redactCustomerPayload(c.payload, erasureId)),
      ),
    ),
  );
  count(
    "RetailSale",
    await tx.$executeRawUnsafe(
      `UPDATE "RetailSale" s SET note = t.note, payload = t.payload::jsonb, "lastSeenAt" = now()
         FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, note, payload) WHERE s.id = t.id`,
      saleIds,
      person.sales.map((s) => redactSaleNote(s.note)),
      person.sales.map((s) => JSON.stringify(redactSalePayload(s.payload, erasureId))),
    ),
  );
  count(
    "EcomOrder",
    await tx.$executeRawUnsafe(
      `UPDATE "EcomOrder" o SET email = NULL, phone = NULL, "customerName" = NULL,
         rows = jsonb_build_array(t.marker), "contentHash" = t.hash, "updatedAt" = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, hash, marker) WHERE o.id = t.id`,
      ecomIds,
      person.ecomOrders.map((o) =>
        hashEcomOrder(scrubEcomOrder(storedOrder(o, person.items.get(o.id) ?? []), erasureId)),
      ),
      person.ecomOrders.map(() => erasedEcomRecord(erasureId)),
    ),
  );
  count(
    "EcomOrderChange",
    await tx.$executeRawUnsafe(
      `UPDATE "EcomOrderChange" SET changes = changes - 'email' - 'phone' - 'customerName'
        WHERE "ecomOrderId" = ANY($1::uuid[])
          AND jsonb_exists_any(changes, ARRAY['email', 'phone', 'customerName'])`,
      ecomIds,
    ),
  );

  // The identity graph: the person's records, edges, identities, links, pins and history go.
  count(
    "IdentityRecordIdentifier",
    await tx.$executeRawUnsafe(
      `DELETE FROM "IdentityRecordIdentifier" WHERE "recordKey" = ANY($1::text[])`,
      recordKeys,
    ),
  );
  count(
    "IdentityRecord",
    await tx.$executeRawUnsafe(
      `DELETE FROM "IdentityRecord" WHERE key = ANY($1::text[])`,
      recordKeys,
    ),
  );
  count(
    "CustomerIdentity",
    await tx.$executeRawUnsafe(
      `DELETE FROM "CustomerIdentity" WHERE "customerId" = ANY($1::uuid[])`,
      customerIds,
    ),
  );
  count(
    "CustomerLink",
    await tx.$executeRawUnsafe(
      `DELETE FROM "CustomerLink" WHERE "customerId" = ANY($1::uuid[])
          OR "fromRecord" = ANY($2::text[]) OR "toRecord" = ANY($2::text[])`,
      customerIds,
      recordKeys,
    ),
  );
  count(
    "IdentityPin",
    await tx.$executeRawUnsafe(
      `DELETE FROM "IdentityPin" WHERE "customerId" = ANY($1::uuid[])`,
      customerIds,
    ),
  );
  count("FlaggedIdentifier", await cleanFlags(tx, person));
  count(
    "IdentityEvent",
    await tx.$executeRawUnsafe(
      `DELETE FROM "IdentityEvent" WHERE "customerId" = ANY($1::uuid[])`,
      customerIds,
    ),
  );
  // Other customers' history may quote their email or phone (a link or merge reason).
  count(
    "IdentityEvent",
    await tx.$executeRawUnsafe(
      `UPDATE "IdentityEvent" e SET reason = '[erased]'
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS v(value)
                       WHERE strpos(lower(e.reason), lower(v.value)) > 0)`,
      [...person.emails, ...person.phones],
    ),
  );

  // The customer stays, as an erased shell that keeps its orders (and so the store's totals).
  count(
    "Customer",
    await tx.$executeRawUnsafe(
      `UPDATE "Customer" SET "displayName" = NULL, "erasedAt" = $2::timestamptz,
         "updatedAt" = $2::timestamptz WHERE id = ANY($1::uuid[])`,
      customerIds,
      now,
    ),
  );
  count(
    "Order",
    await tx.$executeRawUnsafe(
      `UPDATE "Order" SET "customerId" = $2::uuid, "updatedAt" = now()
        WHERE "customerId" = ANY($1::uuid[]) AND "customerId" <> $2::uuid`,
      customerIds,
      person.survivorId,
    ),
  );
  count(
    "CustomerWatch",
    await tx.$executeRawUnsafe(
      `DELETE FROM "CustomerWatch" WHERE "customerId" = ANY($1::uuid[])`,
      customerIds,
    ),
  );
  count(
    "CustomerGroupChange",
    await tx.$executeRawUnsafe(
      `DELETE FROM "CustomerGroupChange"
        WHERE "customerId" = ANY($1::uuid[]) OR "retailCustomerId" = ANY($2::text[])`,
      customerIds,
      rcids,
    ),
  );

  // Access: their codes, sessions and app devices.
  const emails = person.emails.map((e) => e.toLowerCase());
  count(
    "LoginCode",
    await tx.$executeRawUnsafe(`DELETE FROM "LoginCode" WHERE email = ANY($1::text[])`, emails),
  );
  count(
    "CustomerSession",
    await tx.$executeRawUnsafe(
      `DELETE FROM "CustomerSession" WHERE email = ANY($1::text[])`,
      emails,
    ),
  );
  count(
    "PushToken",
    await tx.$executeRawUnsafe(
      `DELETE FROM "PushToken" WHERE lower(btrim("userId")) = ANY($1::text[])`,
      [...emails, ...person.phones.map((p) => p.toLowerCase())],
    ),
  );

  count("Notification", await redactNotifications(tx, person));
  count(
    "WebhookDelivery",
    await tx.$executeRawUnsafe(
      `UPDATE "WebhookDelivery" SET "rawBody" = $2
        WHERE "objectId" = ANY($1::text[]) AND "rawBody" <> $2`,
      [...rcids, ...saleIds],
      erasedWebhookBody,
    ),
  );

  count(
    "ErasedIdentifier",
    await tx.$executeRawUnsafe(
      `INSERT INTO "ErasedIdentifier" (kind, "valueHash", "erasureId", "erasedAt")
       SELECT t.kind::"IdentityKind", t.hash, $3::uuid, $4::timestamptz
         FROM unnest($1::text[], $2::text[]) AS t(kind, hash)
       ON CONFLICT (kind, "valueHash") DO NOTHING`,
      person.erased.map((id) => id.kind),
      person.erased.map((id) => hashIdentifierValue(id.value)),
      erasureId,
      now,
    ),
  );
  return removed;
}

/**
 * Flags name the records carrying an identifier: the person's keys leave every flag, and a flag
 * on one of their identifiers that no longer names two records goes.
 */
async function cleanFlags(tx: Tx, person: Person): Promise<number> {
  const stripped = await tx.$executeRawUnsafe(
    `UPDATE "FlaggedIdentifier"
        SET records = ARRAY(SELECT r FROM unnest(records) AS r WHERE r <> ALL($1::text[])),
            "updatedAt" = now()
      WHERE records && $1::text[]`,
    person.recordKeys,
  );
  const deleted = await tx.$executeRawUnsafe(
    `DELETE FROM "FlaggedIdentifier" f
      WHERE cardinality(f.records) = 0
         OR (cardinality(f.records) < 2 AND EXISTS (
              SELECT 1 FROM unnest($1::text[], $2::text[]) AS t(kind, value)
               WHERE f.kind = t.kind::"IdentityKind" AND f.value = t.value))`,
    person.graphIdentifiers.map((id) => id.kind),
    person.graphIdentifiers.map((id) => id.value),
  );
  return stripped + deleted;
}

/** Notifications about the customer (VIP order, At Risk…) lose the names they quote. */
async function redactNotifications(tx: Tx, person: Person): Promise<number> {
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; title: string; body: string }>>(
    `SELECT id::text AS id, title, body FROM "Notification"
      WHERE data->>'customerId' = ANY($1::text[])
         OR (jsonb_typeof(data->'customerIds') = 'array'
             AND jsonb_exists_any(data->'customerIds', $1::text[]))`,
    person.customerIds,
  );
  const patterns = [...person.names, ...person.emails, ...person.phones]
    .sort((a, b) => b.length - a.length)
    .map(
      (value) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, "giu"),
    );
  const changed = rows.flatMap((row) => {
    const redact = (text: string) =>
      patterns.reduce((result, pattern) => result.replace(pattern, "[erased customer]"), text);
    const title = redact(row.title);
    const body = redact(row.body);
    return title === row.title && body === row.body ? [] : [{ id: row.id, title, body }];
  });
  if (changed.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `UPDATE "Notification" n SET title = t.title, body = t.body
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, title, body) WHERE n.id = t.id`,
    changed.map((row) => row.id),
    changed.map((row) => row.title),
    changed.map((row) => row.body),
  );
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
