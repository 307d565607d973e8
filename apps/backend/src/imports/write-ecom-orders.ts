// Set-based writes of eCom orders: one statement per table per batch (unnest arrays), never a
// row-by-row loop. Callers run `readStoredHashes` + `writeEcomOrders` in one transaction.
import type { Prisma } from "@greenloop/db";
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import { type CanonicalItem, canonicalItem, canonicalOrderFields } from "./ecom-order-hash";

type Client = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

export interface PreparedEcomOrder {
  order: ParsedEcomOrder;
  contentHash: string;
}

export interface StoredEcomOrder {
  id: string;
  contentHash: string;
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
  const rows = await client.$queryRawUnsafe<
    Array<{ id: string; orderNumber: string; contentHash: string }>
  >(
    `SELECT id::text AS id, "orderNumber", "contentHash" FROM "EcomOrder" WHERE "orderNumber" = ANY($1::text[])`,
    orderNumbers,
  );
  return new Map(
    rows.map((row) => [row.orderNumber, { id: row.id, contentHash: row.contentHash }]),
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

const orderFieldNames = Object.keys(
  canonicalOrderFields({
    placedAt: new Date(0),
    subtotal: null,
    tax: null,
    shipping: null,
    discount: null,
    total: { toFixed: () => "0" },
  } as unknown as ParsedEcomOrder),
);

const money = (value: { toFixed(): string } | null) => (value === null ? null : value.toFixed());

/** The audit copy of the order's rows; empty cells are left out (most of the 109 columns are empty). */
function compactRows(rows: Array<Record<string, string>>): string {
  return JSON.stringify(
    rows.map((row) => {
      const kept: Record<string, string> = {};
      for (const [key, value] of Object.entries(row)) if (value !== "") kept[key] = value;
      return kept;
    }),
  );
}

/**
 * Creates `plan.create`, updates `plan.update` (order fields, items upserted by position and the
 * positions no longer present deleted, one EcomOrderChange row with `{ field: { from, to } }`).
 * The upsert only touches rows whose hash still differs, so a concurrent import of the same file
 * cannot double-apply anything.
 */
export async function writeEcomOrders(
  client: Client,
  plan: Pick<EcomOrderPlan, "create" | "update">,
  importRunId: string,
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

  const o = orders.map((p) => p.order);
  const written = await client.$queryRawUnsafe<
    Array<{ id: string; orderNumber: string; inserted: boolean }>
  >(
    `INSERT INTO "EcomOrder" ("orderNumber", "placedAt", email, phone, "customerName",
       "paymentStatusCode", "paymentStatusLabel", "fulfillmentStatusCode", "fulfillmentStatusLabel",
       subtotal, tax, shipping, discount, total, "xseriesOrderIdHint", "contentHash", rows,
       "firstImportRunId", "lastImportRunId", "firstSeenAt", "updatedAt")
     SELECT t.n, t.placed, t.email, t.phone, t.cname, t.psc, t.psl, t.fsc, t.fsl,
       t.subtotal, t.tax, t.shipping, t.discount, t.total, t.hint, t.hash, t.rows::jsonb,
       $18::uuid, $18::uuid, now(), now()
       FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::numeric[], $11::numeric[], $12::numeric[],
         $13::numeric[], $14::numeric[], $15::text[], $16::text[], $17::text[])
         AS t(n, placed, email, phone, cname, psc, psl, fsc, fsl, subtotal, tax, shipping, discount,
           total, hint, hash, rows)
     ON CONFLICT ("orderNumber") DO UPDATE SET
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
     WHERE "EcomOrder"."contentHash" IS DISTINCT FROM EXCLUDED."contentHash"
     RETURNING id::text AS id, "orderNumber", (xmax = 0) AS inserted`,
    o.map((x) => x.orderNumber),
    o.map((x) => x.placedAt.toISOString()),
    o.map((x) => x.email),
    o.map((x) => x.phone),
    o.map((x) => x.customerName),
    o.map((x) => x.paymentStatusCode),
    o.map((x) => x.paymentStatusLabel),
    o.map((x) => x.fulfillmentStatusCode),
    o.map((x) => x.fulfillmentStatusLabel),
    o.map((x) => money(x.subtotal)),
    o.map((x) => money(x.tax)),
    o.map((x) => money(x.shipping)),
    o.map((x) => money(x.discount)),
    o.map((x) => money(x.total)),
    o.map((x) => x.xseriesOrderIdHint),
    orders.map((p) => p.contentHash),
    o.map((x) => compactRows(x.rows)),
    importRunId,
  );

  const idByNumber = new Map(written.map((row) => [row.orderNumber, row.id]));
  const byNumber = new Map(o.map((order) => [order.orderNumber, order]));
  await writeItems(client, written, byNumber);

  const created = written.filter((row) => row.inserted).map((row) => row.orderNumber);
  const updated = written.filter((row) => !row.inserted).map((row) => row.orderNumber);
  const changeIds: string[] = [];
  const changeJson: string[] = [];
  for (const orderNumber of updated) {
    const order = byNumber.get(orderNumber);
    const old = before.get(orderNumber);
    const id = idByNumber.get(orderNumber);
    if (!order || !old || !id) continue;
    changeIds.push(id);
    changeJson.push(JSON.stringify(diffOrder(old, order)));
  }
  if (changeIds.length > 0) {
    await client.$executeRawUnsafe(
      `INSERT INTO "EcomOrderChange" ("ecomOrderId", "importRunId", changes, "changedAt")
       SELECT t.id, $3::uuid, t.changes::jsonb, now()
         FROM unnest($1::uuid[], $2::text[]) AS t(id, changes)`,
      changeIds,
      changeJson,
      importRunId,
    );
  }
  return { created, updated, skipped: orders.length - written.length };
}

async function writeItems(
  client: Client,
  written: Array<{ id: string; orderNumber: string; inserted: boolean }>,
  byNumber: Map<string, ParsedEcomOrder>,
): Promise<void> {
  const ids: string[] = [];
  const positions: number[] = [];
  const skus: Array<string | null> = [];
  const names: string[] = [];
  const options: Array<string | null> = [];
  const quantities: Array<string | null> = [];
  const unitPrices: Array<string | null> = [];
  const totals: Array<string | null> = [];
  const updatedIds: string[] = [];
  for (const row of written) {
    const order = byNumber.get(row.orderNumber);
    if (!order) continue;
    if (!row.inserted) updatedIds.push(row.id);
    for (const item of order.items) {
      ids.push(row.id);
      positions.push(item.position);
      skus.push(item.sku);
      names.push(item.name);
      options.push(item.options);
      quantities.push(money(item.quantity));
      unitPrices.push(money(item.unitPrice));
      totals.push(money(item.total));
    }
  }
  if (ids.length > 0) {
    await client.$executeRawUnsafe(
      `INSERT INTO "EcomOrderItem" ("ecomOrderId", position, sku, name, options, quantity, "unitPrice", total)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[],
         $6::numeric[], $7::numeric[], $8::numeric[])
       ON CONFLICT ("ecomOrderId", position) DO UPDATE SET
         sku = EXCLUDED.sku, name = EXCLUDED.name, options = EXCLUDED.options,
         quantity = EXCLUDED.quantity, "unitPrice" = EXCLUDED."unitPrice", total = EXCLUDED.total
       WHERE ("EcomOrderItem".sku, "EcomOrderItem".name, "EcomOrderItem".options,
              "EcomOrderItem".quantity, "EcomOrderItem"."unitPrice", "EcomOrderItem".total)
         IS DISTINCT FROM (EXCLUDED.sku, EXCLUDED.name, EXCLUDED.options, EXCLUDED.quantity,
              EXCLUDED."unitPrice", EXCLUDED.total)`,
      ids,
      positions,
      skus,
      names,
      options,
      quantities,
      unitPrices,
      totals,
    );
  }
  if (updatedIds.length > 0) {
    // Items at positions the newer export no longer has (an item removed from the order).
    const keep = new Set(updatedIds);
    const keptIds: string[] = [];
    const keptPositions: number[] = [];
    ids.forEach((id, index) => {
      if (keep.has(id)) {
        keptIds.push(id);
        keptPositions.push(positions[index] ?? -1);
      }
    });
    await client.$executeRawUnsafe(
      `DELETE FROM "EcomOrderItem" i
        WHERE i."ecomOrderId" = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::int[]) AS k(id, position)
                           WHERE k.id = i."ecomOrderId" AND k.position = i.position)`,
      updatedIds,
      keptIds,
      keptPositions,
    );
  }
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
  const orders = await client.$queryRawUnsafe<Array<Record<string, string | null>>>(
    `SELECT "orderNumber",
        to_char("placedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "placedAt",
        email, phone, "customerName", "paymentStatusCode", "paymentStatusLabel",
        "fulfillmentStatusCode", "fulfillmentStatusLabel",
        trim_scale(subtotal)::text AS subtotal, trim_scale(tax)::text AS tax,
        trim_scale(shipping)::text AS shipping, trim_scale(discount)::text AS discount,
        trim_scale(total)::text AS total, "xseriesOrderIdHint"
       FROM "EcomOrder" WHERE "orderNumber" = ANY($1::text[])
       FOR UPDATE`,
    orderNumbers,
  );
  const items = await client.$queryRawUnsafe<
    Array<CanonicalItem & { orderNumber: string; position: number }>
  >(
    `SELECT o."orderNumber", i.position, i.sku, i.name, i.options,
        trim_scale(i.quantity)::text AS quantity, trim_scale(i."unitPrice")::text AS "unitPrice",
        trim_scale(i.total)::text AS total
       FROM "EcomOrderItem" i JOIN "EcomOrder" o ON o.id = i."ecomOrderId"
      WHERE o."orderNumber" = ANY($1::text[])
      ORDER BY o."orderNumber", i.position`,
    orderNumbers,
  );
  const result = new Map<string, StoredContent>();
  for (const row of orders) {
    const fields: Record<string, string | null> = {};
    for (const name of orderFieldNames) fields[name] = row[name] ?? null;
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
  for (const name of orderFieldNames) {
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
