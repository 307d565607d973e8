// Writes one resolved component: customers, which records and orders belong to them, the
// identifiers they carry, the links that explain them, the flagged identifiers, and an append-only
// event for every record that joined, every customer merged away and every split.
import { pgPlainArray, pgTextArray, type RawSqlClient } from "@greenloop/db";
import type { FlaggedIdentifier, IdentityLink } from "@greenloop/order-sync/merge";
import type { AssignedCustomer } from "./resolve-customers";

type Client = RawSqlClient;

export interface ResolutionToWrite {
  assigned: AssignedCustomer[];
  flagged: FlaggedIdentifier[];
  previousByRecord: ReadonlyMap<string, string | null>;
  previousCustomerIds: string[];
  /** The customers of the records whose identifiers changed (the resolution's seeds). */
  seedCustomerIds: readonly string[];
  recordKeys: string[];
}

interface EventRow {
  customerId: string;
  kind: "LINK" | "MERGE" | "SPLIT";
  otherCustomerId: string | null;
  identityKind: string | null;
  sourceRecord: string | null;
  reason: string;
}

export async function writeResolution(
  client: Client,
  input: ResolutionToWrite,
): Promise<{ merged: number; changed: string[]; customerOfRecord: Map<string, string> }> {
  const { assigned, previousByRecord } = input;
  const customerOfRecord = new Map<string, string>();
  for (const customer of assigned) {
    for (const key of customer.records) customerOfRecord.set(key, customer.id);
  }
  const assignedIds = new Set(assigned.map((c) => c.id));
  const allIds = [...new Set([...assignedIds, ...input.previousCustomerIds])];

  const events: EventRow[] = [];
  const absorbed = input.previousCustomerIds.filter((id) => !assignedIds.has(id));
  // Where each customer's former records went: one pass, not one per customer (big imports).
  const moves = recordMoves(previousByRecord, customerOfRecord);
  const changed = changedCustomers(input, moves);
  await writeCustomers(client, assigned, changed);
  const mergedInto = new Map<string, string>();
  for (const oldId of absorbed) {
    const target = majorityTarget(moves.get(oldId));
    if (target) mergedInto.set(oldId, target);
  }
  await markMerged(client, mergedInto);
  const vanished = absorbed.filter((id) => !mergedInto.has(id));
  if (vanished.length > 0) {
    await client.$executeRawUnsafe(`DELETE FROM "Customer" WHERE id = ANY($1::uuid[])`, vanished);
  }

  await assignRecordsAndOrders(client, customerOfRecord, input.recordKeys, previousByRecord);
  await writeIdentities(client, assigned, input.flagged, allIds);
  await writeLinks(client, assigned, allIds);
  await replaceFlags(client, assigned, input.flagged);

  for (const customer of assigned) {
    events.push(...linkEvents(customer, previousByRecord));
    events.push(...splitEvents(customer, moves.get(customer.id)));
  }
  const assignedById = new Map(assigned.map((c) => [c.id, c]));
  for (const [oldId, target] of mergedInto) {
    const link = assignedById.get(target)?.links.find((l) => {
      const [a, b] = [previousByRecord.get(l.from), previousByRecord.get(l.to)];
      return (a === oldId) !== (b === oldId);
    });
    events.push({
      customerId: target,
      kind: "MERGE",
      otherCustomerId: oldId,
      identityKind: link?.kind ?? null,
      sourceRecord: link ? `${link.from} ↔ ${link.to}` : null,
      reason: link ? `${link.reason}: ${link.value}` : "records re-resolved into this customer",
    });
  }
  await insertEvents(client, events);
  return {
    customerOfRecord,
    merged: mergedInto.size,
    changed: assigned.map((c) => c.id).filter((id) => changed.has(id)),
  };
}

/**
 * Customers whose records changed: new ones, those whose own records changed (the seeds' former
 * customers: a record may have left the graph), and those that gained or lost a record. The rest of
 * a re-resolved component is as it was: its analytics stand.
 */
function changedCustomers(input: ResolutionToWrite, moves: RecordMoves): Set<string> {
  const changed = new Set(input.seedCustomerIds);
  for (const customer of input.assigned) {
    if (customer.isNew) changed.add(customer.id);
    else if (customer.records.some((key) => input.previousByRecord.get(key) !== customer.id))
      changed.add(customer.id);
  }
  for (const [previous, byTarget] of moves) {
    for (const target of byTarget.keys()) {
      if (target !== previous) changed.add(previous).add(target);
    }
  }
  return changed;
}

/**
 * Creates and updates the resolved customers. A changed one is marked dirty for the analytics (and
 * un-merged, when it had been merged away); an unchanged one is only touched if its name changed.
 */
async function writeCustomers(
  client: Client,
  assigned: AssignedCustomer[],
  changed: ReadonlySet<string>,
): Promise<void> {
  const [touched, settled] = [
    assigned.filter((c) => changed.has(c.id)),
    assigned.filter((c) => !changed.has(c.id)),
  ];
  if (touched.length > 0) {
    await client.$executeRawUnsafe(
      `INSERT INTO "Customer" (id, "displayName", "metricsDirtyAt", "updatedAt")
       SELECT t.id, t.name, now(), now() FROM unnest($1::uuid[], $2::text[]) AS t(id, name)
       ON CONFLICT (id) DO UPDATE SET "displayName" = EXCLUDED."displayName",
         "mergedIntoId" = NULL, "metricsDirtyAt" = now(), "updatedAt" = now()`,
      touched.map((c) => c.id),
      touched.map((c) => c.displayName),
    );
  }
  if (settled.length > 0) {
    await client.$executeRawUnsafe(
      `UPDATE "Customer" c SET "displayName" = t.name, "mergedIntoId" = NULL,
         "metricsDirtyAt" = now(), "updatedAt" = now()
         FROM unnest($1::uuid[], $2::text[]) AS t(id, name)
        WHERE c.id = t.id
          AND (c."displayName" IS DISTINCT FROM t.name OR c."mergedIntoId" IS NOT NULL)`,
      settled.map((c) => c.id),
      settled.map((c) => c.displayName),
    );
  }
}

/** Previous customer → customer now holding the record → those records' keys (in record order). */
type RecordMoves = Map<string, Map<string, string[]>>;

function recordMoves(
  previousByRecord: ReadonlyMap<string, string | null>,
  customerOfRecord: ReadonlyMap<string, string>,
): RecordMoves {
  const moves: RecordMoves = new Map();
  for (const [key, previous] of previousByRecord) {
    const now = customerOfRecord.get(key);
    if (!previous || !now) continue;
    let byTarget = moves.get(previous);
    if (!byTarget) {
      byTarget = new Map();
      moves.set(previous, byTarget);
    }
    const keys = byTarget.get(now);
    if (keys) keys.push(key);
    else byTarget.set(now, [key]);
  }
  return moves;
}

/** The customer now holding most of an old customer's records (ties to the smaller id). */
function majorityTarget(moved: ReadonlyMap<string, string[]> | undefined): string | null {
  if (!moved) return null;
  return (
    [...moved]
      .map(([target, keys]) => [target, keys.length] as const)
      .sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : 1))[0]?.[0] ?? null
  );
}

async function markMerged(client: Client, mergedInto: Map<string, string>): Promise<void> {
  if (mergedInto.size === 0) return;
  const [from, to] = [[...mergedInto.keys()], [...mergedInto.values()]];
  await client.$executeRawUnsafe(
    // Dirty, so the analytics drop the merged-away customer's own metrics row.
    `UPDATE "Customer" c SET "mergedIntoId" = t.target, "metricsDirtyAt" = now(), "updatedAt" = now()
       FROM unnest($1::uuid[], $2::uuid[]) AS t(id, target) WHERE c.id = t.id`,
    from,
    to,
  );
  // Customers merged into one that is now merged away follow it (no chains to walk).
  await client.$executeRawUnsafe(
    `UPDATE "Customer" c SET "mergedIntoId" = t.target
       FROM unnest($1::uuid[], $2::uuid[]) AS t(id, target) WHERE c."mergedIntoId" = t.id`,
    from,
    to,
  );
}

/**
 * Each record, its consent and its order follow the record's customer. Records and orders are
 * written only where the record moved: their customer is written by the merge alone, under its
 * lock, so a record that stayed has rows that already say so, and a re-resolved component of
 * 100,000 records no longer costs 200,000 lookups to change a few. Consent is written by the
 * ingestion too, which may read a record's customer just before a merge moves it: every record of
 * the component is checked there, so a re-resolution mends it.
 */
async function assignRecordsAndOrders(
  client: Client,
  customerOfRecord: Map<string, string>,
  recordKeys: string[],
  previousByRecord: ReadonlyMap<string, string | null>,
): Promise<void> {
  const keys = recordKeys.filter((key) => customerOfRecord.has(key));
  const ids = keys.map((key) => customerOfRecord.get(key) as string);
  const moved = keys.filter((key) => previousByRecord.get(key) !== customerOfRecord.get(key));
  const movedIds = moved.map((key) => customerOfRecord.get(key) as string);
  await client.$executeRawUnsafe(
    `UPDATE "IdentityRecord" r SET "customerId" = t.id
       FROM unnest($1::text[], $2::uuid[]) AS t(key, id)
      WHERE r.key = t.key AND r."customerId" IS DISTINCT FROM t.id`,
    moved,
    movedIds,
  );
  // Consent follows its record (consent/effective-consent.ts).
  await client.$executeRawUnsafe(
    `UPDATE "CustomerConsent" cc SET "customerId" = t.id
       FROM unnest($1::text[], $2::uuid[]) AS t(key, id)
      WHERE cc."recordKey" = t.key AND cc."customerId" IS DISTINCT FROM t.id`,
    keys,
    ids,
  );
  const orderKeys = moved.filter((key) => key.startsWith("order:"));
  await client.$executeRawUnsafe(
    `UPDATE "Order" o SET "customerId" = t.id, "updatedAt" = now()
       FROM unnest($1::text[], $2::uuid[]) AS t(key, id)
      WHERE o.key = t.key AND o."customerId" IS DISTINCT FROM t.id`,
    orderKeys.map((key) => key.slice("order:".length)),
    orderKeys.map((key) => customerOfRecord.get(key) as string),
  );
}

/**
 * The customers' identifiers as a diff: rows no longer carried are deleted, new ones inserted, and
 * a changed flag updated in place; a re-resolution that changes nothing writes nothing (and each
 * identifier keeps when it was first seen). Not an upsert: ON CONFLICT DO UPDATE locks every
 * conflicting row, even when its WHERE leaves it as it is, and a lock is a write (the tuple's xmax,
 * WAL): re-resolving a big component cost as much as rewriting it.
 */
async function writeIdentities(
  client: Client,
  assigned: AssignedCustomer[],
  flagged: FlaggedIdentifier[],
  customerIds: string[],
): Promise<void> {
  const flags = new Map(flagged.map((f) => [`${f.kind}:${f.value}`, f]));
  const rows = uniqueBy(
    assigned.flatMap((c) =>
      c.identifiers.map((id) => {
        const flag = flags.get(`${id.kind}:${id.value}`);
        return { customerId: c.id, ...id, reason: flag ? `${flag.reason}: ${flag.detail}` : null };
      }),
    ),
    (r) => `${r.customerId}|${r.kind}|${r.value}`,
  );
  await client.$executeRawUnsafe(
    `WITH wanted AS (
       SELECT t.id, t.kind::"IdentityKind" AS kind, t.value, t.reason
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(id, kind, value, reason)),
     dropped AS (
       DELETE FROM "CustomerIdentity" i
        WHERE i."customerId" = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM wanted w
                           WHERE w.id = i."customerId" AND w.kind = i.kind
                             AND w.value = i."normalizedValue")),
     reflagged AS (
       UPDATE "CustomerIdentity" i
          SET blocked = w.reason IS NOT NULL, "blockedReason" = w.reason
         FROM wanted w
        WHERE i."customerId" = w.id AND i.kind = w.kind AND i."normalizedValue" = w.value
          AND (i.blocked, i."blockedReason") IS DISTINCT FROM (w.reason IS NOT NULL, w.reason))
     INSERT INTO "CustomerIdentity" ("customerId", kind, "normalizedValue", blocked, "blockedReason")
     SELECT w.id, w.kind, w.value, w.reason IS NOT NULL, w.reason FROM wanted w
      WHERE NOT EXISTS (SELECT 1 FROM "CustomerIdentity" i
                         WHERE i."customerId" = w.id AND i.kind = w.kind
                           AND i."normalizedValue" = w.value)`,
    customerIds,
    rows.map((r) => r.customerId),
    rows.map((r) => r.kind),
    rows.map((r) => r.value),
    rows.map((r) => r.reason),
  );
}

/**
 * The links that explain the customers, as a diff: links no longer made are deleted, new ones
 * inserted, and a link now explaining another customer (or for another reason) updated in place,
 * keeping when it was first made. Three statements' worth in one, not an upsert (see
 * writeIdentities); the three touch disjoint rows.
 */
async function writeLinks(
  client: Client,
  assigned: AssignedCustomer[],
  customerIds: string[],
): Promise<void> {
  const rows = uniqueBy(
    assigned.flatMap((c) => c.links.map((link) => ({ customerId: c.id, link }))),
    ({ link }) => `${link.from}|${link.to}|${link.kind}|${link.value}`,
  );
  await client.$executeRawUnsafe(
    `WITH wanted AS (
       SELECT t.id, t.f, t.t, t.kind::"IdentityKind" AS kind, t.value, t.reason
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
           AS t(id, f, t, kind, value, reason)),
     dropped AS (
       DELETE FROM "CustomerLink" l
        WHERE l."customerId" = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM wanted w
                           WHERE w.f = l."fromRecord" AND w.t = l."toRecord"
                             AND w.kind = l.kind AND w.value = l.value)),
     moved AS (
       UPDATE "CustomerLink" l SET "customerId" = w.id, reason = w.reason
         FROM wanted w
        WHERE l."fromRecord" = w.f AND l."toRecord" = w.t AND l.kind = w.kind AND l.value = w.value
          AND (l."customerId", l.reason) IS DISTINCT FROM (w.id, w.reason))
     INSERT INTO "CustomerLink" ("customerId", "fromRecord", "toRecord", kind, value, reason)
     SELECT w.id, w.f, w.t, w.kind, w.value, w.reason FROM wanted w
      WHERE NOT EXISTS (SELECT 1 FROM "CustomerLink" l
                         WHERE l."fromRecord" = w.f AND l."toRecord" = w.t
                           AND l.kind = w.kind AND l.value = w.value)`,
    pgPlainArray(customerIds),
    pgPlainArray(rows.map((r) => r.customerId)),
    pgTextArray(rows.map((r) => r.link.from)),
    pgTextArray(rows.map((r) => r.link.to)),
    pgTextArray(rows.map((r) => r.link.kind)),
    pgTextArray(rows.map((r) => r.link.value)),
    pgTextArray(rows.map((r) => r.link.reason)),
  );
}

/** The first of each key: an upsert may not meet the same row twice in one statement. */
function uniqueBy<T>(rows: T[], keyOf: (row: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const row of rows) if (!seen.has(keyOf(row))) seen.set(keyOf(row), row);
  return [...seen.values()];
}

async function replaceFlags(
  client: Client,
  assigned: AssignedCustomer[],
  flagged: FlaggedIdentifier[],
): Promise<void> {
  const ids = assigned.flatMap((c) => c.identifiers);
  await client.$executeRawUnsafe(
    `DELETE FROM "FlaggedIdentifier" f USING unnest($1::text[], $2::text[]) AS t(kind, value)
      WHERE f.kind = t.kind::"IdentityKind" AND f.value = t.value`,
    ids.map((id) => id.kind),
    ids.map((id) => id.value),
  );
  if (flagged.length === 0) return;
  await client.$executeRawUnsafe(
    `INSERT INTO "FlaggedIdentifier" (kind, value, reason, detail, records, "updatedAt")
     SELECT t.kind::"IdentityKind", t.value, t.reason, t.detail,
            ARRAY(SELECT jsonb_array_elements_text(t.records::jsonb)), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         AS t(kind, value, reason, detail, records)
     ON CONFLICT (kind, value) DO UPDATE SET reason = EXCLUDED.reason, detail = EXCLUDED.detail,
       records = EXCLUDED.records, "updatedAt" = now()`,
    flagged.map((f) => f.kind),
    flagged.map((f) => f.value),
    flagged.map((f) => f.reason),
    flagged.map((f) => f.detail),
    flagged.map((f) => JSON.stringify(f.records)),
  );
}

function linkEvents(
  customer: AssignedCustomer,
  previousByRecord: ReadonlyMap<string, string | null>,
): EventRow[] {
  const joined = customer.records.filter((key) => !previousByRecord.get(key));
  if (joined.length === 0) return [];
  // The first link naming each record (what `links.find` would give, without a scan per record).
  const firstLink = new Map<string, IdentityLink>();
  for (const l of customer.links) {
    if (!firstLink.has(l.from)) firstLink.set(l.from, l);
    if (!firstLink.has(l.to)) firstLink.set(l.to, l);
  }
  return joined.map((key) => {
    const link = firstLink.get(key);
    return {
      customerId: customer.id,
      kind: "LINK" as const,
      otherCustomerId: null,
      identityKind: link?.kind ?? null,
      sourceRecord: key,
      reason: link ? describe(link, key) : "first record of this customer",
    };
  });
}

function describe(link: IdentityLink, key: string): string {
  const other = link.from === key ? link.to : link.from;
  return `${link.reason} as ${other}: ${link.value}`;
}

/** A customer whose former records now sit in other customers was split. */
function splitEvents(
  customer: AssignedCustomer,
  moved: ReadonlyMap<string, string[]> | undefined,
): EventRow[] {
  const movedTo = [...(moved ?? [])].filter(([now]) => now !== customer.id);
  return movedTo.map(([other, keys]) => ({
    customerId: customer.id,
    kind: "SPLIT" as const,
    otherCustomerId: other,
    identityKind: null,
    sourceRecord: keys.slice(0, 5).join(", "),
    reason: `${keys.length} record(s) now belong to another customer`,
  }));
}

async function insertEvents(client: Client, events: EventRow[]): Promise<void> {
  if (events.length === 0) return;
  await client.$executeRawUnsafe(
    `INSERT INTO "IdentityEvent" ("customerId", kind, "otherCustomerId", "identityKind", "sourceRecord", reason)
     SELECT t.id, t.kind::"IdentityEventKind", t.other, t.ikind::"IdentityKind", t.source, t.reason
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[])
         AS t(id, kind, other, ikind, source, reason)`,
    pgPlainArray(events.map((e) => e.customerId)),
    pgTextArray(events.map((e) => e.kind)),
    pgPlainArray(events.map((e) => e.otherCustomerId)),
    pgTextArray(events.map((e) => e.identityKind)),
    pgTextArray(events.map((e) => e.sourceRecord)),
    pgTextArray(events.map((e) => e.reason)),
  );
}
