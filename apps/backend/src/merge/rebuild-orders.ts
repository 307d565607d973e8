// Step one of the merge: recompute the canonical orders a change touched (one per real order,
// whichever source arrived first); orders whose sources vanished or joined another order are
// deleted. Returns each affected order's identity record for step two, and the orders, which are
// written after it (`writeOrders`): a new order is inserted with its customer, not inserted and
// then updated (an UPDATE of an indexed column rewrites the row and every index entry).
import { pgPlainArray, pgTextArray, type RawSqlClient } from "@greenloop/db";
import { type ContactIdentifiers, identifiersOfContact } from "@greenloop/order-sync/identity";
import {
  buildCanonicalOrder,
  type CanonicalOrder,
  groupOrderSources,
} from "@greenloop/order-sync/merge";
import { type IdentityRecordDraft, retailCustomerErasures } from "./identity-record-store";
import { loadOrderSources } from "./load-order-sources";
import type { MergeRules } from "./merge-rules";

type Client = RawSqlClient;

export interface OrderChanges {
  saleIds: readonly string[];
  ecomOrderNumbers: readonly string[];
}

export interface OrderRebuild {
  /** The rebuilt orders, to be written by `writeOrders` once their customers are known. */
  orders: CanonicalOrder[];
  /** Order keys deleted. */
  deletedKeys: string[];
  /** The identity record of every affected order that carries an identifier. */
  records: IdentityRecordDraft[];
  /** Identity records to drop: orders deleted, or left with nothing to identify anyone by. */
  removedRecordKeys: string[];
  /**
   * Orders of an erased person (a source carries an erasure): kept out of the identity graph and
   * assigned to the erased customer, so store totals keep them and nobody is resurrected.
   */
  erasedOrders: Array<{ key: string; erasureId: string }>;
}

export const orderRecordKey = (orderKey: string) => `order:${orderKey}`;

export async function rebuildOrders(
  client: Client,
  changes: OrderChanges,
  rules: MergeRules,
): Promise<OrderRebuild> {
  const sources = await loadOrderSources(client, changes);
  if (sources.sales.length === 0 && sources.ecomOrders.length === 0) {
    return { orders: [], deletedKeys: [], records: [], removedRecordKeys: [], erasedOrders: [] };
  }
  const orders = groupOrderSources(sources).map(buildCanonicalOrder);
  const keys = orders.map((order) => order.key);

  const deleted = await client.$queryRawUnsafe<Array<{ key: string }>>(
    `DELETE FROM "Order"
      WHERE ("retailSaleId" = ANY($1::text[]) OR "ecomOrderNumber" = ANY($2::text[])
             OR key = ANY($3::text[]))
        AND key <> ALL($4::text[])
      RETURNING key`,
    sources.sales.map((sale) => sale.id),
    sources.ecomOrders.map((order) => order.orderNumber),
    sources.sales.map((sale) => `retail:${sale.id}`),
    keys,
  );

  const records: IdentityRecordDraft[] = [];
  const removedRecordKeys = deleted.map((row) => orderRecordKey(row.key));
  const erasedOrders: OrderRebuild["erasedOrders"] = [];
  const erasedCustomers = await retailCustomerErasures(
    client,
    orders.map((order) => order.retailCustomerId),
  );
  const identify = contactIdentifiers(rules);
  for (const order of orders) {
    const erasureId =
      (order.ecomOrderNumber
        ? sources.erasures.ecomOrders.get(order.ecomOrderNumber)
        : undefined) ??
      (order.retailSaleId ? sources.erasures.sales.get(order.retailSaleId) : undefined) ??
      (order.retailCustomerId ? erasedCustomers.get(order.retailCustomerId) : undefined);
    if (erasureId !== undefined) {
      erasedOrders.push({ key: order.key, erasureId });
      removedRecordKeys.push(orderRecordKey(order.key));
      continue;
    }
    const contact = order.ecomOrderNumber
      ? sources.ecomContacts.get(order.ecomOrderNumber)
      : undefined;
    const { identifiers, blocked } = identify(
      contact?.email ?? null,
      contact?.phone ?? null,
      order.retailCustomerId,
    );
    if (identifiers.length === 0) removedRecordKeys.push(orderRecordKey(order.key));
    else records.push({ key: orderRecordKey(order.key), kind: "order", identifiers, blocked });
  }
  return {
    orders,
    deletedKeys: deleted.map((row) => row.key),
    records,
    removedRecordKeys,
    erasedOrders,
  };
}

/**
 * `identifiersOfContact` once per distinct contact in a rebuild: a customer's orders repeat the
 * same email and phone, and reading a phone number (libphonenumber) is most of a record's cost.
 * Records share the answer's arrays, which nothing modifies.
 */
function contactIdentifiers(rules: MergeRules) {
  const known = new Map<string, ContactIdentifiers>();
  return (email: string | null, phone: string | null, retailCustomerId: string | null) => {
    const key = JSON.stringify([email, phone, retailCustomerId]);
    let answer = known.get(key);
    if (answer === undefined) {
      answer = identifiersOfContact({ email, phones: [phone], retailCustomerId }, rules.contact);
      known.set(key, answer);
    }
    return answer;
  };
}

/**
 * Writes the rebuilt orders in one statement and returns the keys of those created or changed;
 * rows whose values are unchanged are not touched. A new order gets its customer here (its
 * record's, from the resolution; none for an anonymous or erased one, which the merge's own
 * statements settle); an existing order's customer is the resolution's to change, not this
 * statement's. The order's `linesVersion` is read from its source here (the sale's version, else
 * the eCom order's content hash), so an edit of the lines alone changes the order too.
 */
export async function writeOrders(
  client: Client,
  orders: readonly CanonicalOrder[],
  customerOfRecord: ReadonlyMap<string, string>,
): Promise<string[]> {
  if (orders.length === 0) return [];
  // Each column as one array literal: the driver's own array encoding costs more than the rest of
  // the statement's preparation for 100,000 orders.
  const text = (pick: (order: CanonicalOrder) => string | null) => pgTextArray(orders.map(pick));
  const plain = (pick: (order: CanonicalOrder) => string | number | null) =>
    pgPlainArray(orders.map(pick));
  const rows = await client.$queryRawUnsafe<Array<{ key: string }>>(
    `INSERT INTO "Order" (key, source, "countsInAnalytics", "retailCustomerId", channel, status,
       "placedAt", total, "refundedTotal", "retailSaleId", "ecomOrderNumber", "matchedBy",
       "reachedRetailAt", "firstSeenInRetailAt", "syncDelaySeconds", "linesVersion", "customerId",
       "updatedAt")
     SELECT t.key, t.source, t.counts, t."retailCustomerId", t.channel::"OrderChannel",
       t.status::"OrderStatus", t."placedAt", t.total, t.refunded, t."retailSaleId",
       t."ecomOrderNumber", t."matchedBy"::"OrderMatch", t."reachedRetailAt",
       t."firstSeenInRetailAt", t.delay, coalesce('s' || s.version, 'e' || e."contentHash"),
       t."customerId", now()
       FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[], $5::text[], $6::text[],
                   $7::timestamptz[], $8::numeric[], $9::numeric[], $10::text[], $11::text[],
                   $12::text[], $13::timestamptz[], $14::timestamptz[], $15::int[], $16::uuid[])
         AS t(key, source, counts, "retailCustomerId", channel, status, "placedAt", total,
              refunded, "retailSaleId", "ecomOrderNumber", "matchedBy", "reachedRetailAt",
              "firstSeenInRetailAt", delay, "customerId")
       LEFT JOIN "RetailSale" s ON s.id = t."retailSaleId"
       LEFT JOIN "EcomOrder" e ON t."retailSaleId" IS NULL AND e."orderNumber" = t."ecomOrderNumber"
     ON CONFLICT (key) DO UPDATE SET
       source = EXCLUDED.source, "countsInAnalytics" = EXCLUDED."countsInAnalytics",
       "retailCustomerId" = EXCLUDED."retailCustomerId", channel = EXCLUDED.channel,
       status = EXCLUDED.status, "placedAt" = EXCLUDED."placedAt", total = EXCLUDED.total,
       "refundedTotal" = EXCLUDED."refundedTotal", "retailSaleId" = EXCLUDED."retailSaleId",
       "ecomOrderNumber" = EXCLUDED."ecomOrderNumber", "matchedBy" = EXCLUDED."matchedBy",
       "reachedRetailAt" = EXCLUDED."reachedRetailAt",
       "firstSeenInRetailAt" = EXCLUDED."firstSeenInRetailAt",
       "syncDelaySeconds" = EXCLUDED."syncDelaySeconds", "linesVersion" = EXCLUDED."linesVersion",
       "updatedAt" = now()
     WHERE ("Order".source, "Order"."countsInAnalytics", "Order"."retailCustomerId",
            "Order".channel, "Order".status, "Order"."placedAt", "Order".total,
            "Order"."refundedTotal", "Order"."retailSaleId", "Order"."ecomOrderNumber",
            "Order"."matchedBy", "Order"."reachedRetailAt", "Order"."firstSeenInRetailAt",
            "Order"."syncDelaySeconds", "Order"."linesVersion")
       IS DISTINCT FROM
           (EXCLUDED.source, EXCLUDED."countsInAnalytics", EXCLUDED."retailCustomerId",
            EXCLUDED.channel, EXCLUDED.status, EXCLUDED."placedAt", EXCLUDED.total,
            EXCLUDED."refundedTotal", EXCLUDED."retailSaleId", EXCLUDED."ecomOrderNumber",
            EXCLUDED."matchedBy", EXCLUDED."reachedRetailAt", EXCLUDED."firstSeenInRetailAt",
            EXCLUDED."syncDelaySeconds", EXCLUDED."linesVersion")
     RETURNING key`,
    text((o) => o.key),
    text((o) => o.source),
    plain((o) => String(o.countsInAnalytics)),
    text((o) => o.retailCustomerId),
    text((o) => o.channel),
    text((o) => o.status),
    plain((o) => o.placedAt.toISOString()),
    plain((o) => o.total.toString()),
    plain((o) => o.refundedTotal.toString()),
    text((o) => o.retailSaleId),
    text((o) => o.ecomOrderNumber),
    text((o) => o.matchedBy),
    plain((o) => o.reachedRetailAt?.toISOString() ?? null),
    plain((o) => o.firstSeenInRetailAt?.toISOString() ?? null),
    plain((o) => o.syncDelaySeconds),
    plain((o) => customerOfRecord.get(orderRecordKey(o.key)) ?? null),
  );
  return rows.map((row) => row.key);
}
