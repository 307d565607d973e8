// Finds everything a resolution must look at: starting from the changed records and the customers
// they belonged to, follow identifiers to the records carrying them, and those records' customers,
// until nothing new appears. Placeholders (on more X-Series customers than the limit) are not
// followed: they link nothing, and following them would pull in half the store.
import type { RawSqlClient } from "@greenloop/db";
import type { IdentifierKind } from "@greenloop/order-sync/identity";
import type { IdentityPin } from "@greenloop/order-sync/merge";

type Client = Pick<RawSqlClient, "$queryRawUnsafe">;

export interface Component {
  recordKeys: string[];
  /** X-Series customers per identifier (`KIND:value`), store-wide. */
  customerCounts: Map<string, number>;
  pins: IdentityPin[];
  /** Customers any of the records belonged to before this resolution. */
  previousCustomerIds: string[];
}

const idKey = (kind: string, value: string) => `${kind}:${value}`;

export async function expandComponent(
  client: Client,
  seeds: { recordKeys: readonly string[]; customerIds: readonly string[] },
  maxCustomersPerIdentifier: number,
): Promise<Component> {
  const records = new Set<string>();
  const customers = new Set<string>();
  const identifiers = new Map<string, { kind: string; value: string }>();
  const customerCounts = new Map<string, number>();
  const pins = new Map<string, IdentityPin>();
  let newRecords = [...seeds.recordKeys];
  let newCustomers = [...seeds.customerIds];

  while (newRecords.length > 0 || newCustomers.length > 0) {
    for (const id of newCustomers) customers.add(id);
    const ofCustomers = await recordsOfCustomers(client, newCustomers);
    const frontier = [...new Set([...newRecords, ...ofCustomers])].filter((k) => !records.has(k));
    for (const key of frontier) records.add(key);

    // New identifiers on the frontier, and those pinned to the same customers as any of them.
    const carried = await identifiersOfRecords(client, frontier);
    const fresh = carried.filter((id) => !identifiers.has(idKey(id.kind, id.value)));
    for (const id of fresh) identifiers.set(idKey(id.kind, id.value), id);
    const pinned = (await pinsTouching(client, fresh)).filter(
      (pin) => !pins.has(idKey(pin.kind, pin.value)),
    );
    for (const pin of pinned) {
      pins.set(idKey(pin.kind, pin.value), pin);
      if (!identifiers.has(idKey(pin.kind, pin.value))) {
        identifiers.set(idKey(pin.kind, pin.value), pin);
        fresh.push(pin);
      }
    }

    const counts = await countCarriers(client, fresh);
    for (const [key, count] of counts) customerCounts.set(key, count);
    const followed = fresh.filter(
      (id) => (customerCounts.get(idKey(id.kind, id.value)) ?? 0) <= maxCustomersPerIdentifier,
    );
    const reached = await carriersOf(client, followed);
    // An identifier that just crossed the limit may still hold customers together from before:
    // those customers must be re-resolved, or the order of arrival would decide.
    const followedSet = new Set(followed);
    const stillLinked = await customersLinkedBy(
      client,
      fresh.filter((id) => !followedSet.has(id)),
    );
    newRecords = reached.map((r) => r.recordKey).filter((key) => !records.has(key));
    newCustomers = [
      ...new Set(
        [...reached.map((r) => r.customerId), ...stillLinked].filter(
          (id): id is string => id !== null && !customers.has(id),
        ),
      ),
    ];
  }

  const previous = await customersOfRecords(client, [...records]);
  return {
    recordKeys: [...records].sort(),
    customerCounts,
    pins: [...pins.values()],
    previousCustomerIds: [...new Set([...previous, ...seeds.customerIds])],
  };
}

/** Their records, known ones included: the caller drops those (a `key <> ALL(known)` costs rows × known). */
async function recordsOfCustomers(client: Client, customerIds: string[]): Promise<string[]> {
  if (customerIds.length === 0) return [];
  const rows = await client.$queryRawUnsafe<Array<{ key: string }>>(
    `SELECT key FROM "IdentityRecord" WHERE "customerId" = ANY($1::uuid[])`,
    customerIds,
  );
  return rows.map((row) => row.key);
}

async function identifiersOfRecords(
  client: Client,
  recordKeys: string[],
): Promise<Array<{ kind: string; value: string }>> {
  if (recordKeys.length === 0) return [];
  return client.$queryRawUnsafe(
    `SELECT DISTINCT kind::text AS kind, value FROM "IdentityRecordIdentifier"
      WHERE "recordKey" = ANY($1::text[])`,
    recordKeys,
  );
}

const pairs = (ids: Array<{ kind: string; value: string }>) => [
  ids.map((id) => id.kind),
  ids.map((id) => id.value),
];

/** Pins on these identifiers, plus every other pin to the same customers (known ones included). */
async function pinsTouching(
  client: Client,
  ids: Array<{ kind: string; value: string }>,
): Promise<IdentityPin[]> {
  if (ids.length === 0) return [];
  const rows = await client.$queryRawUnsafe<
    Array<{ kind: IdentifierKind; value: string; customerId: string }>
  >(
    `SELECT p.kind::text AS kind, p.value, p."customerId"::text AS "customerId"
       FROM "IdentityPin" p
      WHERE p."customerId" IN (
              SELECT q."customerId" FROM "IdentityPin" q
                JOIN unnest($1::text[], $2::text[]) AS t(kind, value)
                  ON q.kind = t.kind::"IdentityKind" AND q.value = t.value)`,
    ...pairs(ids),
  );
  return rows;
}

async function countCarriers(
  client: Client,
  ids: Array<{ kind: string; value: string }>,
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await client.$queryRawUnsafe<Array<{ kind: string; value: string; n: number }>>(
    `SELECT t.kind, t.value,
            (count(i."recordKey") FILTER (WHERE i."onRetailCustomer"))::int AS n
       FROM unnest($1::text[], $2::text[]) AS t(kind, value)
       LEFT JOIN "IdentityRecordIdentifier" i
         ON i.kind = t.kind::"IdentityKind" AND i.value = t.value
      GROUP BY t.kind, t.value`,
    ...pairs(ids),
  );
  return new Map(rows.map((row) => [idKey(row.kind, row.value), row.n]));
}

async function carriersOf(
  client: Client,
  ids: Array<{ kind: string; value: string }>,
): Promise<Array<{ recordKey: string; customerId: string | null }>> {
  if (ids.length === 0) return [];
  return client.$queryRawUnsafe(
    `SELECT DISTINCT i."recordKey", r."customerId"::text AS "customerId"
       FROM unnest($1::text[], $2::text[]) AS t(kind, value)
       JOIN "IdentityRecordIdentifier" i ON i.kind = t.kind::"IdentityKind" AND i.value = t.value
       LEFT JOIN "IdentityRecord" r ON r.key = i."recordKey"`,
    ...pairs(ids),
  );
}

async function customersLinkedBy(
  client: Client,
  ids: Array<{ kind: string; value: string }>,
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await client.$queryRawUnsafe<Array<{ customerId: string }>>(
    `SELECT DISTINCT l."customerId"::text AS "customerId"
       FROM unnest($1::text[], $2::text[]) AS t(kind, value)
       JOIN "CustomerLink" l ON l.kind = t.kind::"IdentityKind" AND l.value = t.value`,
    ...pairs(ids),
  );
  return rows.map((row) => row.customerId);
}

async function customersOfRecords(client: Client, recordKeys: string[]): Promise<string[]> {
  if (recordKeys.length === 0) return [];
  const rows = await client.$queryRawUnsafe<Array<{ customerId: string }>>(
    `SELECT DISTINCT "customerId"::text AS "customerId" FROM "IdentityRecord"
      WHERE key = ANY($1::text[]) AND "customerId" IS NOT NULL`,
    recordKeys,
  );
  return rows.map((row) => row.customerId);
}
