// Who an erasure is about: the survivor and the customers merged into it, their identity records,
// orders and source records (X-Series customers and sales, eCom orders, found through the graph and
// through their own emails), and the identifiers that are theirs alone — the ones shared with
// someone else, flagged or placeholders stay, since they are other people's data as well.
import type { Prisma } from "@greenloop/db";
import {
  createIdentifierBlocklist,
  defaultBlockedIdentifierRules,
  displayName,
} from "@greenloop/order-sync/identity";
import {
  type ErasableIdentifier,
  type ErasableKind,
  erasableIdentifiersOf,
  scrubPhoneRegion,
} from "../redaction/erased-identifiers";
import {
  loadStoredEcomOrderItems,
  type StoredEcomOrderItems,
  type StoredEcomOrderRow,
  storedEcomOrderColumns,
} from "./stored-ecom-order";

type Tx = Prisma.TransactionClient;

interface RetailCustomerRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  payload: unknown;
}

export interface ErasureSubject {
  survivorId: string;
  /** The survivor and every customer merged into it. */
  customerIds: string[];
  /** Identity records to drop (the person's, and any of their orders and X-Series ids). */
  recordKeys: string[];
  retailCustomers: RetailCustomerRow[];
  sales: Array<{ id: string; note: string | null; payload: unknown }>;
  ecomOrders: StoredEcomOrderRow[];
  items: StoredEcomOrderItems;
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

export async function collectErasureSubject(tx: Tx, survivorId: string): Promise<ErasureSubject> {
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
  const ecomOrders = await tx.$queryRawUnsafe<StoredEcomOrderRow[]>(
    `SELECT ${storedEcomOrderColumns}
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
  const items = await loadStoredEcomOrderItems(
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
