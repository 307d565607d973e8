// Set-based writes of eCom orders, never a row-by-row loop: new orders by COPY, changed ones by
// upsert from unnest arrays (one array literal per column). Callers run `readStoredHashes` +
// `writeEcomOrders` in one bulk transaction (Database.bulkTransaction).
import type { BulkSession } from "@greenloop/db";
import { pgPlainArray, pgTextArray } from "@greenloop/db";
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import { erasedEcomOrderSql } from "../redaction/redact-records";
import { copyNewEcomOrders } from "./copy-new-ecom-orders";
import {
  type CanonicalItem,
  canonicalDecimal,
  canonicalItem,
  canonicalOrderFieldNames,
  canonicalOrderFields,
} from "./ecom-order-hash";

/** Where the statements run: a BulkSession, or `prismaSql` outside a transaction. */
type Client = Pick<BulkSession, "query">;

export interface PreparedEcomOrder {
  order: ParsedEcomOrder;
  contentHash: string;
}

export interface StoredEcomOrder {
  id: string;
  contentHash: string;
  /** Set when the order's person was erased: a re-import must store it scrubbed again. */
  erasureId: string | null;
}

export interface EcomOrderPlan {
  /** Not stored yet. */
  create: PreparedEcomOrder[];
  /** Stored with another content hash. */
  update: PreparedEcomOrder[];
  unchanged: PreparedEcomOrder[];
}

export interface EcomOrderWriteResult {
  created: string[];
  updated: string[];
  /** Orders sent for writing that another import had already brought up to date. */
  skipped: number;
}

/** The stored id and hash of each order number present, in one query. */
export async function readStoredHashes(
  client: Client,
  orderNumbers: string[],
): Promise<Map<string, StoredEcomOrder>> {
  if (orderNumbers.length === 0) return new Map();
  const rows = await client.query<{
    id: string;
    orderNumber: string;
    contentHash: string;
    erasureId: string | null;
  }>(
    `SELECT id::text AS id, "orderNumber", "contentHash", ${erasedEcomOrderSql('"EcomOrder"')} AS "erasureId"
       FROM "EcomOrder" WHERE "orderNumber" = ANY($1::text[])`,
    [pgTextArray(orderNumbers)],
  );
  return new Map(
    rows.map((row) => [
      row.orderNumber,
      { id: row.id, contentHash: row.contentHash, erasureId: row.erasureId },
    ]),
  );
}

export function planEcomOrders(
  orders: PreparedEcomOrder[],
  stored: Map<string, { contentHash: string }>,
): EcomOrderPlan {
  const plan: EcomOrderPlan = { create: [], update: [], unchanged: [] };
  for (const prepared of orders) {
    const existing = stored.get(prepared.order.orderNumber);
    if (!existing) plan.create.push(prepared);
    else if (existing.contentHash !== prepared.contentHash) plan.update.push(prepared);
    else plan.unchanged.push(prepared);
  }
  return plan;
}

const money = canonicalDecimal;

/** The batch's orders, one array literal per column (see `pgTextArray` in @greenloop/db). */
function orderColumns(orders: PreparedEcomOrder[]): string[] {
  const o = orders.map((p) => p.order);
  // The audit copy, `rows`: each order's records verbatim, sent flat with the (1-based) index of
  // their order and put together as a JSON array of strings by Postgres. Far cheaper to take in
  // than a header → value object per row (see BENCHMARKS.md).
  const records: string[] = [];
  const recordOrder: number[] = [];
  o.forEach((order, index) => {
    for (const record of order.records) {
      records.push(record);
      recordOrder.push(index + 1);
    }
  });
  return [
    pgTextArray(o.map((x) => x.orderNumber)),
    pgPlainArray(o.map((x) => x.placedAt.toISOString())),
    pgTextArray(o.map((x) => x.email)),
    pgTextArray(o.map((x) => x.phone)),
    pgTextArray(o.map((x) => x.customerName)),
    pgTextArray(o.map((x) => x.paymentStatusCode)),
    pgTextArray(o.map((x) => x.paymentStatusLabel)),
    pgTextArray(o.map((x) => x.fulfillmentStatusCode)),
    pgTextArray(o.map((x) => x.fulfillmentStatusLabel)),
    pgPlainArray(o.map((x) => money(x.subtotal))),
    pgPlainArray(o.map((x) => money(x.tax))),
    pgPlainArray(o.map((x) => money(x.shipping))),
    pgPlainArray(o.map((x) => money(x.discount))),
    pgPlainArray(o.map((x) => money(x.total))),
    pgTextArray(o.map((x) => x.xseriesOrderIdHint)),
    pgPlainArray(orders.map((p) => p.contentHash)),
    pgTextArray(records),
    pgPlainArray(recordOrder),
  ];
}

/** The orders' items, one array literal per column, keyed by order number. */
function itemColumns(orders: ParsedEcomOrder[]): string[] {
  const items = orders.flatMap((order) => order.items.map((item) => ({ order, item })));
  return [
    pgTextArray(items.map(({ order }) => order.orderNumber)),
    pgPlainArray(items.map(({ item }) => item.position)),
    pgTextArray(items.map(({ item }) => item.sku)),
    pgTextArray(items.map(({ item }) => item.name)),
    pgTextArray(items.map(({ item }) => item.options)),
    pgPlainArray(items.map(({ item }) => money(item.quantity))),
    pgPlainArray(items.map(({ item }) => money(item.unitPrice))),
    pgPlainArray(items.map(({ item }) => money(item.total))),
  ];
}

/** `unnest` of the item columns at parameters $first…$first+7. */
function itemsFrom(first: number): string {
  const p = (offset: number) => `$${first + offset}`;
  return `unnest(${p(0)}::text[], ${p(1)}::int[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[],
    ${p(5)}::numeric[], ${p(6)}::numeric[], ${p(7)}::numeric[])
    AS i(n, position, sku, name, options, quantity, unit_price, total)`;
}

/**
 * Creates `plan.create`, updates `plan.update` (order fields, items upserted by position and the
 * positions no longer present deleted, one EcomOrderChange row with `{ field: { from, to } }`).
 * The upsert only touches rows whose hash still differs, so a concurrent import of the same file
 * cannot double-apply anything. New orders and their items go in by COPY (two statements).
 */
export async function writeEcomOrders(
  client: BulkSession,
  plan: Pick<EcomOrderPlan, "create" | "update">,
  importRunId: string,
  options: {
    /**
     * "insert" (default): `plan.create` by COPY, which fails with a unique violation (see
     * isUniqueViolation) when a concurrent import stored one of them since the plan was made;
     * retry the transaction with "upsert", which then skips or updates them.
     */
    newOrders?: "insert" | "upsert";
  } = {},
): Promise<EcomOrderWriteResult> {
  const orders = [...plan.create, ...plan.update];
  if (orders.length === 0) return { created: [], updated: [], skipped: 0 };

  const before =
    plan.update.length > 0
      ? await readStoredContent(
          client,
          plan.update.map((p) => p.order.orderNumber),
        )
      : new Map<string, StoredContent>();

  const written: WrittenOrder[] = [];
  const upsert = async (slice: PreparedEcomOrder[]) => {
    for (let start = 0; start < slice.length; start += ORDERS_PER_STATEMENT) {
      const part = slice.slice(start, start + ORDERS_PER_STATEMENT);
      written.push(...(await upsertOrders(client, part, importRunId)));
    }
  };
  if (options.newOrders === "upsert") await upsert(orders);
  else {
    const ids = await copyNewEcomOrders(client, plan.create, importRunId);
    plan.create.forEach(({ order }, index) => {
      written.push({ id: ids[index] ?? "", orderNumber: order.orderNumber, inserted: true });
    });
    await upsert(plan.update);
  }

  const byNumber = new Map(orders.map((p) => [p.order.orderNumber, p.order]));
  const created: string[] = [];
  const updatedRows: Array<{ id: string; order: ParsedEcomOrder }> = [];
  for (const row of written) {
    if (row.inserted) created.push(row.orderNumber);
    else {
      const order = byNumber.get(row.orderNumber);
      if (order) updatedRows.push({ id: row.id, order });
    }
  }
  const updated = updatedRows.map((row) => row.order.orderNumber);
  if (updatedRows.length > 0) await updateItems(client, updatedRows);

  const changeIds: string[] = [];
  const changeJson: string[] = [];
  for (const { id, order } of updatedRows) {
    const old = before.get(order.orderNumber);
    if (!old) continue;
    changeIds.push(id);
    changeJson.push(JSON.stringify(diffOrder(old, order)));
  }
  if (changeIds.length > 0) {
    await client.query(
      `INSERT INTO "EcomOrderChange" ("ecomOrderId", "importRunId", changes, "changedAt")
       SELECT t.id, $3::uuid, t.changes::jsonb, now()
         FROM unnest($1::uuid[], $2::text[]) AS t(id, changes)`,
      [pgTextArray(changeIds), pgTextArray(changeJson), importRunId],
    );
  }
  return { created, updated, skipped: orders.length - written.length };
}

type WrittenOrder = { id: string; orderNumber: string; inserted: boolean };

/** Orders per upsert statement: a few hundred KB of parameters. */
const ORDERS_PER_STATEMENT = 500;

const UPSERT = `ON CONFLICT ("orderNumber") DO UPDATE SET
         "placedAt" = EXCLUDED."placedAt", email = EXCLUDED.email, phone = EXCLUDED.phone,
         "customerName" = EXCLUDED."customerName",
         "paymentStatusCode" = EXCLUDED."paymentStatusCode",
         "paymentStatusLabel" = EXCLUDED."paymentStatusLabel",
         "fulfillmentStatusCode" = EXCLUDED."fulfillmentStatusCode",
         "fulfillmentStatusLabel" = EXCLUDED."fulfillmentStatusLabel",
         subtotal = EXCLUDED.subtotal, tax = EXCLUDED.tax, shipping = EXCLUDED.shipping,
         discount = EXCLUDED.discount, total = EXCLUDED.total,
         "xseriesOrderIdHint" = EXCLUDED."xseriesOrderIdHint", "contentHash" = EXCLUDED."contentHash",
         rows = EXCLUDED.rows, "lastImportRunId" = EXCLUDED."lastImportRunId", "updatedAt" = now()
       WHERE "EcomOrder"."contentHash" IS DISTINCT FROM EXCLUDED."contentHash"`;

/**
 * Upserts the orders and inserts the items of those it inserted (a new order has no items yet, so
 * they need no conflict handling; updated orders' items follow in `updateItems`).
 */
async function upsertOrders(
  client: Client,
  orders: PreparedEcomOrder[],
  importRunId: string,
): Promise<WrittenOrder[]> {
  return client.query<WrittenOrder>(
    `WITH r AS (
       SELECT k, jsonb_agg(record ORDER BY ord) AS rows
         FROM unnest($17::text[], $18::int[]) WITH ORDINALITY AS r(record, k, ord)
        GROUP BY k
     ), o AS (
       INSERT INTO "EcomOrder" ("orderNumber", "placedAt", email, phone, "customerName",
         "paymentStatusCode", "paymentStatusLabel", "fulfillmentStatusCode", "fulfillmentStatusLabel",
         subtotal, tax, shipping, discount, total, "xseriesOrderIdHint", "contentHash", rows,
         "firstImportRunId", "lastImportRunId", "firstSeenAt", "updatedAt")
       SELECT t.n, t.placed, t.email, t.phone, t.cname, t.psc, t.psl, t.fsc, t.fsl,
         t.subtotal, t.tax, t.shipping, t.discount, t.total, t.hint, t.hash, r.rows,
         $19::uuid, $19::uuid, now(), now()
         FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],
           $7::text[], $8::text[], $9::text[], $10::numeric[], $11::numeric[], $12::numeric[],
           $13::numeric[], $14::numeric[], $15::text[], $16::text[]) WITH ORDINALITY
           AS t(n, placed, email, phone, cname, psc, psl, fsc, fsl, subtotal, tax, shipping, discount,
             total, hint, hash, k)
         JOIN r USING (k)
       ${UPSERT}
       RETURNING id, "orderNumber", (xmax = 0) AS inserted
     ), new_items AS (
       INSERT INTO "EcomOrderItem" ("ecomOrderId", position, sku, name, options, quantity, "unitPrice", total)
       SELECT o.id, i.position, i.sku, i.name, i.options, i.quantity, i.unit_price, i.total
         FROM ${itemsFrom(20)}
         JOIN o ON o."orderNumber" = i.n
        WHERE o.inserted
     )
     SELECT id::text AS id, "orderNumber", inserted FROM o`,
    [...orderColumns(orders), importRunId, ...itemColumns(orders.map((p) => p.order))],
  );
}

/** A write that lost a race: another import inserted one of the orders first. */
export function isUniqueViolation(error: unknown): boolean {
  // The drivers' own errors (a BulkSession's) carry the SQLSTATE; Prisma's wrap it.
  if ((error as { code?: unknown })?.code === "23505") return true;
  const cause = (
    error as {
      meta?: { driverAdapterError?: { cause?: { code?: string; originalCode?: string } } };
    }
  )?.meta?.driverAdapterError?.cause;
  return cause?.originalCode === "23505" || cause?.code === "23505";
}

/** Items of updated orders: upserted by position, the positions no longer present deleted. */
async function updateItems(
  client: Client,
  rows: Array<{ id: string; order: ParsedEcomOrder }>,
): Promise<void> {
  const ids = pgTextArray(rows.map((row) => row.id));
  const items = itemColumns(rows.map((row) => row.order));
  await client.query(
    `INSERT INTO "EcomOrderItem" ("ecomOrderId", position, sku, name, options, quantity, "unitPrice", total)
     SELECT o.id, i.position, i.sku, i.name, i.options, i.quantity, i.unit_price, i.total
       FROM ${itemsFrom(2)}
       JOIN "EcomOrder" o ON o."orderNumber" = i.n
      WHERE o.id = ANY($1::uuid[])
     ON CONFLICT ("ecomOrderId", position) DO UPDATE SET
       sku = EXCLUDED.sku, name = EXCLUDED.name, options = EXCLUDED.options,
       quantity = EXCLUDED.quantity, "unitPrice" = EXCLUDED."unitPrice", total = EXCLUDED.total
     WHERE ("EcomOrderItem".sku, "EcomOrderItem".name, "EcomOrderItem".options,
            "EcomOrderItem".quantity, "EcomOrderItem"."unitPrice", "EcomOrderItem".total)
       IS DISTINCT FROM (EXCLUDED.sku, EXCLUDED.name, EXCLUDED.options, EXCLUDED.quantity,
            EXCLUDED."unitPrice", EXCLUDED.total)`,
    [ids, ...items],
  );
  // Items at positions the newer export no longer has (an item removed from the order).
  await client.query(
    `DELETE FROM "EcomOrderItem" d
      WHERE d."ecomOrderId" = ANY($1::uuid[])
        AND NOT EXISTS (
          SELECT 1 FROM unnest($2::text[], $3::int[]) AS i(n, position)
            JOIN "EcomOrder" o ON o."orderNumber" = i.n
           WHERE o.id = d."ecomOrderId" AND i.position = d.position)`,
    [ids, items[0], items[1]],
  );
}

interface StoredContent {
  fields: Record<string, string | null>;
  items: CanonicalItem[];
}

/** Order fields and items as stored, in the canonical text forms of `ecom-order-hash.ts`. */
async function readStoredContent(
  client: Client,
  orderNumbers: string[],
): Promise<Map<string, StoredContent>> {
  const orders = await client.query<Record<string, string | null>>(
    `SELECT "orderNumber",
        to_char("placedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "placedAt",
        email, phone, "customerName", "paymentStatusCode", "paymentStatusLabel",
        "fulfillmentStatusCode", "fulfillmentStatusLabel",
        trim_scale(subtotal)::text AS subtotal, trim_scale(tax)::text AS tax,
        trim_scale(shipping)::text AS shipping, trim_scale(discount)::text AS discount,
        trim_scale(total)::text AS total, "xseriesOrderIdHint"
       FROM "EcomOrder" WHERE "orderNumber" = ANY($1::text[])
       FOR UPDATE`,
    [pgTextArray(orderNumbers)],
  );
  type StoredItem = { [K in keyof CanonicalItem]: CanonicalItem[K] } & { orderNumber: string };
  const items = await client.query<StoredItem>(
    `SELECT o."orderNumber", i.position, i.sku, i.name, i.options,
        trim_scale(i.quantity)::text AS quantity, trim_scale(i."unitPrice")::text AS "unitPrice",
        trim_scale(i.total)::text AS total
       FROM "EcomOrderItem" i JOIN "EcomOrder" o ON o.id = i."ecomOrderId"
      WHERE o."orderNumber" = ANY($1::text[])
      ORDER BY o."orderNumber", i.position`,
    [pgTextArray(orderNumbers)],
  );
  const result = new Map<string, StoredContent>();
  for (const row of orders) {
    const fields: Record<string, string | null> = {};
    for (const name of canonicalOrderFieldNames) fields[name] = row[name] ?? null;
    result.set(String(row.orderNumber), { fields, items: [] });
  }
  for (const { orderNumber, ...item } of items) {
    result.get(orderNumber)?.items.push({ ...item, position: Number(item.position) });
  }
  return result;
}

/** `{ field: { from, to } }` for the order fields that differ, plus `items` when they do. */
export function diffOrder(
  old: StoredContent,
  order: ParsedEcomOrder,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const fields = canonicalOrderFields(order);
  for (const name of canonicalOrderFieldNames) {
    const from = old.fields[name] ?? null;
    const to = fields[name] ?? null;
    if (from !== to) changes[name] = { from, to };
  }
  const newItems = [...order.items].sort((a, b) => a.position - b.position).map(canonicalItem);
  if (JSON.stringify(old.items) !== JSON.stringify(newItems)) {
    changes.items = { from: old.items, to: newItems };
  }
  return changes;
}
