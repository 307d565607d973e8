// Benchmark support: the floor for merging an import, what PostgreSQL itself needs to do the same
// writes set-based, with no client in between. From the imported eCom orders, in one transaction:
// contacts normalised in SQL (email lower-cased and trimmed, phone reduced to its digits), the
// identity graph's edges, connected components by label propagation (one UPDATE per round until
// nothing changes), then every row the merge writes, each in one INSERT … SELECT with its final
// values: customers, identity records (with their customer) and their edges, canonical orders
// (with their customer), customer identities, one link per record after a customer's first, one
// LINK event per record, and consent following its record.
//
// Left out, so the floor is lower than any correct merge: order status and refunds (a constant
// status here), X-Series sales and their matching, placeholder and contradiction checks, pins,
// erasures, names, and anything already stored (it runs on a store with no merge yet).
import type { BulkSession } from "@greenloop/db";

export interface MergeFloorResult {
  seconds: number;
  rounds: number;
  customers: number;
  orders: number;
}

const setup = [
  `CREATE TEMPORARY TABLE floor_contact ON COMMIT DROP AS
   SELECT 'ecom:' || "orderNumber" AS key, "orderNumber", "placedAt", total, "contentHash",
          nullif(lower(btrim(email)), '') AS email,
          nullif(regexp_replace(coalesce(phone, ''), '\\D', '', 'g'), '') AS phone
     FROM "EcomOrder"`,
  `CREATE TEMPORARY TABLE floor_edge ON COMMIT DROP AS
   SELECT 'order:' || key AS record, 'EMAIL'::"IdentityKind" AS kind, email AS value
     FROM floor_contact WHERE email IS NOT NULL
   UNION ALL
   SELECT 'order:' || key, 'PHONE'::"IdentityKind", phone FROM floor_contact WHERE phone IS NOT NULL`,
  `CREATE INDEX ON floor_edge (kind, value)`,
  `CREATE INDEX ON floor_edge (record)`,
  `CREATE TEMPORARY TABLE floor_label ON COMMIT DROP AS
   SELECT DISTINCT record, record AS label FROM floor_edge`,
  `ALTER TABLE floor_label ADD PRIMARY KEY (record)`,
  `ANALYZE floor_edge`,
  `ANALYZE floor_label`,
];

// Each record takes the smallest label among the records sharing any identifier with it.
const propagate = `
  WITH by_identifier AS (
         SELECT e.kind, e.value, min(l.label) AS label
           FROM floor_edge e JOIN floor_label l USING (record) GROUP BY e.kind, e.value),
       best AS (
         SELECT e.record, min(b.label) AS label
           FROM floor_edge e JOIN by_identifier b USING (kind, value) GROUP BY e.record),
       changed AS (
         UPDATE floor_label l SET label = best.label FROM best
          WHERE l.record = best.record AND best.label < l.label RETURNING 1)
  SELECT count(*)::int AS n FROM changed`;

const write = [
  `CREATE TEMPORARY TABLE floor_customer ON COMMIT DROP AS
   SELECT label, gen_random_uuid() AS id FROM (SELECT DISTINCT label FROM floor_label) labels`,
  `INSERT INTO "Customer" (id, "metricsDirtyAt", "updatedAt")
   SELECT id, now(), now() FROM floor_customer`,
  `CREATE TEMPORARY TABLE floor_owner ON COMMIT DROP AS
   SELECT l.record, c.id FROM floor_label l JOIN floor_customer c USING (label)`,
  `INSERT INTO "IdentityRecord" (key, kind, identifiers, "customerId", "updatedAt")
   SELECT o.record, 'order',
          jsonb_agg(jsonb_build_object('kind', e.kind, 'value', e.value) ORDER BY e.kind, e.value),
          o.id, now()
     FROM floor_owner o JOIN floor_edge e USING (record) GROUP BY o.record, o.id`,
  `INSERT INTO "IdentityRecordIdentifier" (kind, value, "recordKey", "onRetailCustomer")
   SELECT kind, value, record, false FROM floor_edge`,
  `INSERT INTO "Order" (key, source, channel, status, "placedAt", total, "ecomOrderNumber",
     "linesVersion", "customerId", "updatedAt")
   SELECT k.key, 'ecom', 'ECOM', 'COMPLETED', k."placedAt", k.total, k."orderNumber",
          'e' || k."contentHash", o.id, now()
     FROM floor_contact k LEFT JOIN floor_owner o ON o.record = 'order:' || k.key`,
  `INSERT INTO "CustomerIdentity" ("customerId", kind, "normalizedValue")
   SELECT DISTINCT o.id, e.kind, e.value FROM floor_edge e JOIN floor_owner o USING (record)`,
  `INSERT INTO "CustomerLink" ("customerId", "fromRecord", "toRecord", kind, value, reason)
   SELECT id, previous, record, kind, value, 'same identifier'
     FROM (SELECT o.id, o.record, e.kind, e.value,
                  lag(o.record) OVER (PARTITION BY o.id ORDER BY o.record) AS previous
             FROM floor_owner o
             JOIN LATERAL (SELECT kind, value FROM floor_edge f WHERE f.record = o.record
                            ORDER BY kind, value LIMIT 1) e ON true) chained
    WHERE previous IS NOT NULL`,
  `INSERT INTO "IdentityEvent" ("customerId", kind, "sourceRecord", reason)
   SELECT id, 'LINK', record, 'record joined' FROM floor_owner`,
  `UPDATE "CustomerConsent" cc SET "customerId" = o.id
     FROM floor_owner o WHERE cc."recordKey" = o.record`,
];

/** Runs the floor on a store holding imported eCom orders and nothing merged. */
export async function runMergeFloor(session: BulkSession): Promise<MergeFloorResult> {
  const started = performance.now();
  for (const sql of setup) await session.query(sql);
  let rounds = 0;
  for (;;) {
    rounds += 1;
    const [changed] = await session.query<{ n: number }>(propagate);
    if (!changed || changed.n === 0) break;
  }
  for (const sql of write) await session.query(sql);
  const seconds = (performance.now() - started) / 1000;
  const [counts] = await session.query<{ customers: number; orders: number }>(
    `SELECT (SELECT count(*) FROM floor_customer)::int AS customers,
            (SELECT count(*) FROM floor_contact)::int AS orders`,
  );
  return { seconds, rounds, customers: counts?.customers ?? 0, orders: counts?.orders ?? 0 };
}
