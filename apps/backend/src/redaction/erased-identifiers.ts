// The ingestion side of an erasure: records arriving after it (a re-sync of the X-Series customer,
// a later sale, a re-import of the eCom CSV) that carry an erased person's identifier are scrubbed
// before they are written, so the personal data never comes back. Identifiers are compared as
// sha256 hashes of their normalized values (`ErasedIdentifier`), one query per batch.
import { hash } from "node:crypto";
import { pgPlainArray } from "@greenloop/db";
import {
  type CountryCode,
  looseEmailKey,
  normalizeEmail,
  normalizePhone,
  normalizeRetailCustomerId,
} from "@greenloop/order-sync/identity";
import {
  type Customer,
  type ParsedRecord,
  recogniseEcomSale,
  type Sale,
} from "@greenloop/order-sync/lightspeed";
import { defaultMergeSettings } from "../env";
import {
  erasedEcomOrderSql,
  erasedPayloadSql,
  erasedWebhookBody,
  scrubRetailCustomer,
  scrubRetailSale,
} from "./redact-records";

/** Prisma's client or transaction, or a bulk session behind `rawQueryClient` (@greenloop/db). */
export type ErasedItemsClient = {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
};

export type ErasableKind = "EMAIL" | "EMAIL_LOOSE" | "PHONE" | "RETAIL_CUSTOMER_ID";

export interface ErasableIdentifier {
  kind: ErasableKind;
  value: string;
}

/**
 * The region national phone numbers are read in when scrubbing. Ingestion has no store settings,
 * so it uses the merge's default; the erasure records the person's raw phones under this region
 * too (besides the merge's own values), so a re-sync of the same records always matches.
 */
export const scrubPhoneRegion = defaultMergeSettings.phoneDefaultRegion as CountryCode;

/** `ErasedIdentifier.valueHash`: sha256 (hex) of the normalized value. */
export function hashIdentifierValue(value: string): string {
  return hash("sha256", value, "hex");
}

// Phone normalization (libphonenumber) is the costly part of checking an eCom order, and a
// customer's number repeats across their orders: remember recent answers.
const phoneCache = new Map<string, string | null>();
const PHONE_CACHE_LIMIT = 50_000;

function normalizePhoneCached(raw: string, region: CountryCode): string | null {
  const key = `${region}|${raw}`;
  const cached = phoneCache.get(key);
  if (cached !== undefined) return cached;
  if (phoneCache.size >= PHONE_CACHE_LIMIT) phoneCache.clear();
  const value = normalizePhone(raw, region);
  phoneCache.set(key, value);
  return value;
}

/** The identifiers a record's contact fields would be erased under (no blocklist applied). */
export function erasableIdentifiersOf(
  contact: {
    email?: string | null;
    phones?: Array<string | null | undefined>;
    retailCustomerId?: string | null;
  },
  region: CountryCode = scrubPhoneRegion,
): ErasableIdentifier[] {
  const identifiers: ErasableIdentifier[] = [];
  const retailCustomerId = normalizeRetailCustomerId(contact.retailCustomerId);
  if (retailCustomerId !== null)
    identifiers.push({ kind: "RETAIL_CUSTOMER_ID", value: retailCustomerId });
  const email = contact.email ? normalizeEmail(contact.email) : null;
  if (email !== null) {
    identifiers.push({ kind: "EMAIL", value: email });
    identifiers.push({ kind: "EMAIL_LOOSE", value: looseEmailKey(email) });
  }
  for (const raw of contact.phones ?? []) {
    const phone = raw ? normalizePhoneCached(raw, region) : null;
    if (phone !== null) identifiers.push({ kind: "PHONE", value: phone });
  }
  return identifiers;
}

/** Up to this many erased identifiers are read whole and matched in memory. */
const SMALL_ERASED_SET = 1_000;

/**
 * The erasure each item belongs to, if any of its identifiers was erased. One query per batch:
 * erasures are rare, so the erased identifiers are usually few enough to read whole (and none at
 * all costs no hashing); past SMALL_ERASED_SET, a second query looks up the batch's hashes only.
 */
export async function findErasedItems<T>(
  client: ErasedItemsClient,
  items: readonly T[],
  identifiersOf: (item: T) => ErasableIdentifier[],
): Promise<Map<T, string>> {
  const found = new Map<T, string>();
  if (items.length === 0) return found;
  const few = await client.$queryRawUnsafe<ErasedRow[]>(
    `SELECT kind::text AS kind, "valueHash", "erasureId"::text AS "erasureId"
       FROM "ErasedIdentifier" LIMIT ${SMALL_ERASED_SET + 1}`,
  );
  if (few.length === 0) return found;
  const keysOf = items.map((item) =>
    identifiersOf(item).map(({ kind, value }) => `${kind}:${hashIdentifierValue(value)}`),
  );
  const rows =
    few.length <= SMALL_ERASED_SET ? few : await lookUpErased(client, new Set(keysOf.flat()));
  const erased = new Map(rows.map((row) => [`${row.kind}:${row.valueHash}`, row.erasureId]));
  items.forEach((item, index) => {
    for (const key of keysOf[index] ?? []) {
      const erasureId = erased.get(key);
      if (erasureId !== undefined) {
        found.set(item, erasureId);
        break;
      }
    }
  });
  return found;
}

interface ErasedRow {
  kind: string;
  valueHash: string;
  erasureId: string;
}

async function lookUpErased(
  client: ErasedItemsClient,
  keys: ReadonlySet<string>,
): Promise<ErasedRow[]> {
  if (keys.size === 0) return [];
  const pairs = [...keys].map((key) => key.split(":") as [string, string]);
  return client.$queryRawUnsafe<ErasedRow[]>(
    `SELECT e.kind::text AS kind, e."valueHash", e."erasureId"::text AS "erasureId"
       FROM unnest($1::text[], $2::text[]) AS t(kind, hash)
       JOIN "ErasedIdentifier" e ON e.kind = t.kind::"IdentityKind" AND e."valueHash" = t.hash`,
    pgPlainArray(pairs.map(([kind]) => kind)),
    pgPlainArray(pairs.map(([, hash]) => hash)),
  );
}

/**
 * X-Series customers about to be mirrored: those carrying an erased identifier are scrubbed. One
 * found by its email or phone under a new X-Series id is the same person again: that id is
 * recorded as erased too, so their later sales are scrubbed as well.
 */
export async function scrubErasedRetailCustomers(
  client: ErasedItemsClient,
  batch: ParsedRecord<Customer>[],
): Promise<ParsedRecord<Customer>[]> {
  const erased = await findErasedItems(client, batch, (record) =>
    erasableIdentifiersOf({
      email: record.data.email,
      phones: [record.data.mobile, record.data.phone],
      retailCustomerId: record.data.id,
    }),
  );
  if (erased.size === 0) return batch;
  const matched = [...erased];
  await client.$queryRawUnsafe(
    `INSERT INTO "ErasedIdentifier" (kind, "valueHash", "erasureId", "erasedAt")
     SELECT 'RETAIL_CUSTOMER_ID', t.hash, t.erasure, now()
       FROM unnest($1::text[], $2::uuid[]) AS t(hash, erasure)
     ON CONFLICT (kind, "valueHash") DO NOTHING`,
    matched.map(([record]) => hashIdentifierValue(record.data.id)),
    matched.map(([, erasureId]) => erasureId),
  );
  return batch.map((record) => {
    const erasureId = erased.get(record);
    return erasureId === undefined ? record : scrubRetailCustomer(record, erasureId);
  });
}

/**
 * X-Series sales about to be mirrored: a sale of an erased customer, or the synced copy of an
 * erased eCom order (its note holds the buyer's name and address), is scrubbed. One query.
 */
export async function scrubErasedRetailSales(
  client: ErasedItemsClient,
  batch: ParsedRecord<Sale>[],
): Promise<ParsedRecord<Sale>[]> {
  if (batch.length === 0) return batch;
  const hashes = batch.map((record) => {
    const id = normalizeRetailCustomerId(record.data.customer_id);
    return id === null ? null : hashIdentifierValue(id);
  });
  const numbers = batch.map((record) => {
    const match = recogniseEcomSale(record.data);
    return match.isEcom ? match.orderNumber : null;
  });
  if (hashes.every((h) => h === null) && numbers.every((n) => n === null)) return batch;
  const rows = await client.$queryRawUnsafe<Array<{ i: number; erasureId: string }>>(
    `SELECT t.i::int AS i, coalesce(e."erasureId"::text, o.erasure) AS "erasureId"
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(hash, number, i)
       LEFT JOIN "ErasedIdentifier" e
         ON e.kind = 'RETAIL_CUSTOMER_ID' AND e."valueHash" = t.hash
       LEFT JOIN LATERAL (
         SELECT ${erasedEcomOrderSql("x")} AS erasure FROM "EcomOrder" x
          WHERE x."orderNumber" = t.number) o ON true
      WHERE e."erasureId" IS NOT NULL OR o.erasure IS NOT NULL`,
    hashes,
    numbers,
  );
  if (rows.length === 0) return batch;
  const erased = new Map(rows.map((row) => [Number(row.i) - 1, row.erasureId]));
  return batch.map((record, index) => {
    const erasureId = erased.get(index);
    return erasureId === undefined ? record : scrubRetailSale(record, erasureId);
  });
}

/**
 * Redacts the stored raw bodies of these webhook deliveries when the record they name is an
 * erased one (the body holds the customer's JSON, or the sale with its customer's name).
 */
export async function redactErasedWebhookDeliveries(
  client: ErasedItemsClient,
  deliveryIds: readonly string[],
): Promise<number> {
  if (deliveryIds.length === 0) return 0;
  const rows = await client.$queryRawUnsafe<Array<{ id: string }>>(
    `UPDATE "WebhookDelivery" d SET "rawBody" = $2
      WHERE d.id = ANY($1::uuid[]) AND d."rawBody" <> $2
        AND (EXISTS (SELECT 1 FROM "RetailCustomer" c
                      WHERE c.id = d."objectId" AND ${erasedPayloadSql("c")} IS NOT NULL)
          OR EXISTS (SELECT 1 FROM "RetailSale" s
                      WHERE s.id = d."objectId" AND ${erasedPayloadSql("s")} IS NOT NULL))
     RETURNING d.id::text AS id`,
    [...deliveryIds],
    erasedWebhookBody,
  );
  return rows.length;
}
