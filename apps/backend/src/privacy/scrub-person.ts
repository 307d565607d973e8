// The per-table scrubs of an erasure, run inside its transaction: source records emptied of the
// person's contact data, their identity-graph rows, access rows and devices deleted, free text that
// quotes them redacted, the customer rows kept as an erased shell, their identifiers recorded as
// hashes. Answers the rows changed per table (counts only).
import type { Prisma } from "@greenloop/db";
import { hashEcomOrder } from "../imports/ecom-order-hash";
import { hashIdentifierValue } from "../redaction/erased-identifiers";
import {
  erasedEcomRecord,
  erasedWebhookBody,
  redactCustomerPayload,
  redactSaleNote,
  redactSalePayload,
  scrubEcomOrder,
} from "../redaction/redact-records";
import type { ErasureSubject } from "./collect-erasure-subject";
import { storedEcomOrder } from "./stored-ecom-order";

type Tx = Prisma.TransactionClient;

export async function scrubPerson(
  tx: Tx,
  person: ErasureSubject,
  erasureId: string,
  now: Date,
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  const count = (table: string, n: number) => {
    removed[table] = (removed[table] ?? 0) + n;
  };
  /** Runs one statement and counts the rows it changed under `table`. */
  const scrub = async (table: string, sql: string, ...values: unknown[]) => {
    count(table, await tx.$executeRawUnsafe(sql, ...values));
  };
  const { customerIds, recordKeys } = person;
  /** Deletes the table's rows that belong to the person's customers. */
  const deleteTheirs = (table: string) =>
    scrub(table, `DELETE FROM "${table}" WHERE "customerId" = ANY($1::uuid[])`, customerIds);
  const rcids = person.retailCustomers.map((c) => c.id);
  const saleIds = person.sales.map((s) => s.id);
  const ecomIds = person.ecomOrders.map((o) => o.id);

  // Source records: contact columns emptied, payloads and CSV records reduced to what the merge
  // and the analytics read. `lastSeenAt`/`updatedAt` move, so the next merge sweep re-reads them.
  await scrub(
    "RetailCustomer",
    `UPDATE "RetailCustomer" c SET "customerCode" = NULL, "firstName" = NULL, "lastName" = NULL,
       email = NULL, phone = NULL, mobile = NULL, payload = t.payload::jsonb, "lastSeenAt" = now()
       FROM unnest($1::text[], $2::text[]) AS t(id, payload) WHERE c.id = t.id`,
    rcids,
    person.retailCustomers.map((c) => JSON.stringify(redactCustomerPayload(c.payload, erasureId))),
  );
  await scrub(
    "RetailSale",
    `UPDATE "RetailSale" s SET note = t.note, payload = t.payload::jsonb, "lastSeenAt" = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, note, payload) WHERE s.id = t.id`,
    saleIds,
    person.sales.map((s) => redactSaleNote(s.note)),
    person.sales.map((s) => JSON.stringify(redactSalePayload(s.payload, erasureId))),
  );
  await scrub(
    "EcomOrder",
    `UPDATE "EcomOrder" o SET email = NULL, phone = NULL, "customerName" = NULL,
       rows = jsonb_build_array(t.marker), "contentHash" = t.hash, "updatedAt" = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, hash, marker) WHERE o.id = t.id`,
    ecomIds,
    person.ecomOrders.map((o) =>
      hashEcomOrder(scrubEcomOrder(storedEcomOrder(o, person.items.get(o.id) ?? []), erasureId)),
    ),
    person.ecomOrders.map(() => erasedEcomRecord(erasureId)),
  );
  await scrub(
    "EcomOrderChange",
    `UPDATE "EcomOrderChange" SET changes = changes - 'email' - 'phone' - 'customerName'
      WHERE "ecomOrderId" = ANY($1::uuid[])
        AND jsonb_exists_any(changes, ARRAY['email', 'phone', 'customerName'])`,
    ecomIds,
  );

  // The identity graph: the person's records, edges, identities, links, pins and history go.
  await scrub(
    "IdentityRecordIdentifier",
    `DELETE FROM "IdentityRecordIdentifier" WHERE "recordKey" = ANY($1::text[])`,
    recordKeys,
  );
  await scrub(
    "IdentityRecord",
    `DELETE FROM "IdentityRecord" WHERE key = ANY($1::text[])`,
    recordKeys,
  );
  await scrub(
    "CustomerConsent",
    `DELETE FROM "CustomerConsent" WHERE "recordKey" = ANY($1::text[]) OR "customerId" = ANY($2::uuid[])`,
    recordKeys,
    customerIds,
  );
  await deleteTheirs("CustomerIdentity");
  await scrub(
    "CustomerLink",
    `DELETE FROM "CustomerLink" WHERE "customerId" = ANY($1::uuid[])
        OR "fromRecord" = ANY($2::text[]) OR "toRecord" = ANY($2::text[])`,
    customerIds,
    recordKeys,
  );
  await deleteTheirs("IdentityPin");
  count("FlaggedIdentifier", await cleanFlags(tx, person));
  await deleteTheirs("IdentityEvent");
  // Other customers' history may quote their email or phone (a link or merge reason).
  await scrub(
    "IdentityEvent",
    `UPDATE "IdentityEvent" e SET reason = '[erased]'
      WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS v(value)
                     WHERE strpos(lower(e.reason), lower(v.value)) > 0)`,
    [...person.emails, ...person.phones],
  );

  // The customer stays, as an erased shell that keeps its orders (and so the store's totals).
  await scrub(
    "Customer",
    `UPDATE "Customer" SET "displayName" = NULL, "erasedAt" = $2::timestamptz,
       "updatedAt" = $2::timestamptz WHERE id = ANY($1::uuid[])`,
    customerIds,
    now,
  );
  await scrub(
    "Order",
    `UPDATE "Order" SET "customerId" = $2::uuid, "updatedAt" = now()
      WHERE "customerId" = ANY($1::uuid[]) AND "customerId" <> $2::uuid`,
    customerIds,
    person.survivorId,
  );
  await deleteTheirs("CustomerWatch");
  await scrub(
    "CustomerGroupChange",
    `DELETE FROM "CustomerGroupChange"
      WHERE "customerId" = ANY($1::uuid[]) OR "retailCustomerId" = ANY($2::text[])`,
    customerIds,
    rcids,
  );

  // Access: their codes, sessions and app devices.
  const emails = person.emails.map((e) => e.toLowerCase());
  await scrub("LoginCode", `DELETE FROM "LoginCode" WHERE email = ANY($1::text[])`, emails);
  await scrub(
    "CustomerSession",
    `DELETE FROM "CustomerSession" WHERE email = ANY($1::text[])`,
    emails,
  );
  await scrub(
    "PushToken",
    `DELETE FROM "PushToken"
      WHERE lower(btrim("userId")) = ANY($1::text[]) OR "userKey" = ANY($1::text[])`,
    [...emails, ...person.phones.map((p) => p.toLowerCase())],
  );

  // Their own notifications (a tier rise) and what they were made from go with them.
  await deleteTheirs("Notification");
  await deleteTheirs("CustomerTierRise");
  count("Notification", await redactNotifications(tx, person));
  await scrub(
    "WebhookDelivery",
    `UPDATE "WebhookDelivery" SET "rawBody" = $2
      WHERE "objectId" = ANY($1::text[]) AND "rawBody" <> $2`,
    [...rcids, ...saleIds],
    erasedWebhookBody,
  );

  await scrub(
    "ErasedIdentifier",
    `INSERT INTO "ErasedIdentifier" (kind, "valueHash", "erasureId", "erasedAt")
     SELECT t.kind::"IdentityKind", t.hash, $3::uuid, $4::timestamptz
       FROM unnest($1::text[], $2::text[]) AS t(kind, hash)
     ON CONFLICT (kind, "valueHash") DO NOTHING`,
    person.erased.map((id) => id.kind),
    person.erased.map((id) => hashIdentifierValue(id.value)),
    erasureId,
    now,
  );
  return removed;
}

/**
 * Flags name the records carrying an identifier: the person's keys leave every flag, and a flag
 * on one of their identifiers that no longer names two records goes.
 */
async function cleanFlags(tx: Tx, person: ErasureSubject): Promise<number> {
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
async function redactNotifications(tx: Tx, person: ErasureSubject): Promise<number> {
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
