// The identity graph's records and edges: which identifiers each source record carries. Saving a
// record whose identifiers did not change is a no-op, so re-ingesting the same data resolves nothing.
import { pgPlainArray, pgTextArray, type RawSqlClient } from "@greenloop/db";
import {
  type BlockedIdentifier,
  type Identifier,
  identifiersOfContact,
} from "@greenloop/order-sync/identity";
import { erasedPayloadSql } from "../redaction/redact-records";
import type { MergeRules } from "./merge-rules";

type Client = RawSqlClient;

export interface IdentityRecordDraft {
  key: string;
  kind: "retail_customer" | "order";
  identifiers: Identifier[];
  blocked: BlockedIdentifier[];
}

export interface SavedIdentityRecords {
  /** Records whose identifiers changed, appeared or were removed: the resolution's seeds. */
  changedKeys: string[];
  /** The customers those records belonged to: their other records must be re-resolved too. */
  previousCustomerIds: string[];
}

export const retailCustomerRecordKey = (id: string) => `retail_customer:${id}`;

/**
 * The records of these X-Series customers; deleted, unknown and erased ones are to be removed (an
 * erased person stays out of the identity graph: see privacy/erase-customer.ts).
 */
export async function retailCustomerRecords(
  client: Client,
  customerIds: readonly string[],
  rules: MergeRules,
): Promise<{ records: IdentityRecordDraft[]; removedRecordKeys: string[] }> {
  if (customerIds.length === 0) return { records: [], removedRecordKeys: [] };
  const rows = await client.$queryRawUnsafe<
    Array<{ id: string; email: string | null; phone: string | null; mobile: string | null }>
  >(
    `SELECT id, email, phone, mobile FROM "RetailCustomer"
      WHERE id = ANY($1::text[]) AND "deletedAt" IS NULL AND ${erasedPayloadSql('"RetailCustomer"')} IS NULL`,
    customerIds,
  );
  const live = new Set(rows.map((row) => row.id));
  return {
    records: rows.map((row) => ({
      key: retailCustomerRecordKey(row.id),
      kind: "retail_customer" as const,
      ...identifiersOfContact(
        { email: row.email, phones: [row.mobile, row.phone], retailCustomerId: row.id },
        rules.contact,
      ),
    })),
    removedRecordKeys: customerIds
      .filter((id) => !live.has(id))
      .map((id) => retailCustomerRecordKey(id)),
  };
}

/** The erasure of each erased X-Series customer among these ids (one query). */
export async function retailCustomerErasures(
  client: Client,
  customerIds: ReadonlyArray<string | null>,
): Promise<Map<string, string>> {
  const ids = [...new Set(customerIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await client.$queryRawUnsafe<Array<{ id: string; erasureId: string }>>(
    `SELECT c.id, ${erasedPayloadSql("c")} AS "erasureId" FROM "RetailCustomer" c
      WHERE c.id = ANY($1::text[]) AND ${erasedPayloadSql("c")} IS NOT NULL`,
    ids,
  );
  return new Map(rows.map((row) => [row.id, row.erasureId]));
}

export async function saveIdentityRecords(
  client: Client,
  drafts: readonly IdentityRecordDraft[],
  removedKeys: readonly string[],
): Promise<SavedIdentityRecords> {
  const keys = [...drafts.map((d) => d.key), ...removedKeys];
  if (keys.length === 0) return { changedKeys: [], previousCustomerIds: [] };
  const stored = await client.$queryRawUnsafe<
    Array<{ key: string; identifiers: string; blocked: string; customerId: string | null }>
  >(
    `SELECT key, identifiers::text AS identifiers, blocked::text AS blocked,
            "customerId"::text AS "customerId"
       FROM "IdentityRecord" WHERE key = ANY($1::text[])`,
    keys,
  );
  const byKey = new Map(stored.map((row) => [row.key, row]));
  const changed: IdentityRecordDraft[] = [];
  const blockedOnly: IdentityRecordDraft[] = [];
  for (const draft of drafts) {
    const row = byKey.get(draft.key);
    if (!row || !sameJson(row.identifiers, draft.identifiers)) changed.push(draft);
    else if (!sameJson(row.blocked, draft.blocked)) blockedOnly.push(draft);
  }
  const removed = removedKeys.filter((key) => byKey.has(key));
  const changedKeys = [...changed.map((d) => d.key), ...removed];
  const previousCustomerIds = [
    ...new Set(
      changedKeys
        .map((key) => byKey.get(key)?.customerId)
        .filter((id): id is string => Boolean(id)),
    ),
  ];

  await upsertRecords(client, [...changed, ...blockedOnly]);
  if (changedKeys.length > 0) {
    // A record not stored before has no edges yet: 20,000 new orders' keys are 20,000 probes.
    await client.$executeRawUnsafe(
      `DELETE FROM "IdentityRecordIdentifier" WHERE "recordKey" = ANY($1::text[])`,
      changedKeys.filter((key) => byKey.has(key)),
    );
    await client.$executeRawUnsafe(
      `DELETE FROM "IdentityRecord" WHERE key = ANY($1::text[])`,
      removed,
    );
    // A record out of the graph speaks for nobody: its consent leaves its customer too.
    await client.$executeRawUnsafe(
      `UPDATE "CustomerConsent" SET "customerId" = NULL
        WHERE "recordKey" = ANY($1::text[]) AND "customerId" IS NOT NULL`,
      removed,
    );
    await insertEdges(client, changed);
  }
  return { changedKeys, previousCustomerIds };
}

/** Stored JSON (`jsonb::text`) and a fresh value are compared after re-serializing both alike. */
function sameJson(stored: string, value: unknown): boolean {
  return JSON.stringify(JSON.parse(stored)) === JSON.stringify(value);
}

async function upsertRecords(client: Client, drafts: IdentityRecordDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  await client.$executeRawUnsafe(
    `INSERT INTO "IdentityRecord" (key, kind, identifiers, blocked, "updatedAt")
     SELECT t.key, t.kind, t.identifiers::jsonb, t.blocked::jsonb, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         AS t(key, kind, identifiers, blocked)
     ON CONFLICT (key) DO UPDATE SET identifiers = EXCLUDED.identifiers,
       blocked = EXCLUDED.blocked, "updatedAt" = now()`,
    pgTextArray(drafts.map((d) => d.key)),
    pgTextArray(drafts.map((d) => d.kind)),
    pgTextArray(drafts.map((d) => JSON.stringify(d.identifiers))),
    pgTextArray(drafts.map((d) => JSON.stringify(d.blocked))),
  );
}

async function insertEdges(client: Client, drafts: IdentityRecordDraft[]): Promise<void> {
  const edges = drafts.flatMap((d) =>
    d.identifiers.map((id) => ({ ...id, recordKey: d.key, retail: d.kind === "retail_customer" })),
  );
  if (edges.length === 0) return;
  await client.$executeRawUnsafe(
    `INSERT INTO "IdentityRecordIdentifier" (kind, value, "recordKey", "onRetailCustomer")
     SELECT t.kind::"IdentityKind", t.value, t.key, t.retail
       FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS t(kind, value, key, retail)`,
    pgTextArray(edges.map((e) => e.kind)),
    pgTextArray(edges.map((e) => e.value)),
    pgTextArray(edges.map((e) => e.recordKey)),
    pgPlainArray(edges.map((e) => String(e.retail))),
  );
}
