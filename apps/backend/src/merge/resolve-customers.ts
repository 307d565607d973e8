// Step two of the merge: re-resolve the part of the identity graph a change touched and write the
// result. Customer ids stay stable: a cluster keeps the id most of its records already had (or the
// id an operator pinned it to); a customer whose records all moved into another is marked merged
// into it, so old ids still lead somewhere.
import { randomUUID } from "node:crypto";
import type { RawSqlClient } from "@greenloop/db";
import { displayName } from "@greenloop/order-sync/identity";
import type {
  IdentityRecord,
  IdentityResolution,
  ResolvedCustomer,
} from "@greenloop/order-sync/merge";
import { expandComponent } from "./expand-component";
import type { MergeRules } from "./merge-rules";
import { resolveIdentitiesInParts } from "./resolve-identities-in-parts";
import { writeResolution } from "./write-resolution";

type Client = RawSqlClient;

export interface CustomerResolutionResult {
  /** Customers whose records, identities or orders changed (marked dirty for the analytics). */
  customersTouched: string[];
  customersCreated: number;
  customersMerged: number;
  recordsResolved: number;
  /** The customer of every record resolved (the component's). */
  customerOfRecord: ReadonlyMap<string, string>;
}

export interface AssignedCustomer extends ResolvedCustomer {
  id: string;
  isNew: boolean;
  displayName: string | null;
}

export async function resolveCustomers(
  client: Client,
  seeds: { recordKeys: readonly string[]; customerIds: readonly string[] },
  rules: MergeRules,
): Promise<CustomerResolutionResult> {
  if (seeds.recordKeys.length === 0 && seeds.customerIds.length === 0) {
    return {
      customersTouched: [],
      customersCreated: 0,
      customersMerged: 0,
      recordsResolved: 0,
      customerOfRecord: new Map(),
    };
  }
  const component = await expandComponent(client, seeds, rules.maxCustomersPerIdentifier);
  const stored = await loadRecords(client, component.recordKeys);
  const resolution = resolveIdentitiesInParts(
    stored.map((row) => ({ key: row.key, kind: row.kind, identifiers: row.identifiers })),
    {
      pins: component.pins,
      maxCustomersPerIdentifier: rules.maxCustomersPerIdentifier,
      customerCounts: component.customerCounts,
    },
  );
  const previousByRecord = new Map(stored.map((row) => [row.key, row.customerId]));
  const names = await loadNames(client, component.recordKeys);
  const assigned = assignCustomerIds(resolution, previousByRecord, names);
  const written = await writeResolution(client, {
    assigned,
    flagged: resolution.flagged,
    previousByRecord,
    previousCustomerIds: component.previousCustomerIds,
    seedCustomerIds: seeds.customerIds,
    recordKeys: component.recordKeys,
  });
  return {
    customersTouched: written.changed,
    customersCreated: assigned.filter((customer) => customer.isNew).length,
    customersMerged: written.merged,
    recordsResolved: component.recordKeys.length,
    customerOfRecord: written.customerOfRecord,
  };
}

interface StoredRecord extends IdentityRecord {
  customerId: string | null;
}

async function loadRecords(client: Client, keys: string[]): Promise<StoredRecord[]> {
  if (keys.length === 0) return [];
  return client.$queryRawUnsafe<StoredRecord[]>(
    `SELECT key, kind, identifiers, "customerId"::text AS "customerId"
       FROM "IdentityRecord" WHERE key = ANY($1::text[])`,
    keys,
  );
}

/**
 * Biggest clusters choose first; each takes its pinned id, else the previous customer holding most
 * of its records (ties to the smaller id), else a new id.
 */
export function assignCustomerIds(
  resolution: IdentityResolution,
  previousByRecord: ReadonlyMap<string, string | null>,
  names: ReadonlyMap<string, string>,
): AssignedCustomer[] {
  const claimed = new Set(
    resolution.customers.map((c) => c.pinnedCustomerId).filter((id): id is string => id !== null),
  );
  const ordered = [...resolution.customers].sort(
    (a, b) =>
      b.records.length - a.records.length || ((a.records[0] ?? "") < (b.records[0] ?? "") ? -1 : 1),
  );
  const result: AssignedCustomer[] = [];
  for (const customer of ordered) {
    let id = customer.pinnedCustomerId;
    let isNew = false;
    if (id === null) {
      const tally = new Map<string, number>();
      for (const key of customer.records) {
        const previous = previousByRecord.get(key);
        if (previous && !claimed.has(previous)) tally.set(previous, (tally.get(previous) ?? 0) + 1);
      }
      const best = [...tally].sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : 1))[0];
      id = best?.[0] ?? null;
      if (id === null) {
        id = randomUUID();
        isNew = true;
      }
      claimed.add(id);
    }
    result.push({ ...customer, id, isNew, displayName: nameOf(customer, names) });
  }
  return result;
}

/** The first X-Series customer's name (by key), else the last eCom order's (by key). */
function nameOf(customer: ResolvedCustomer, names: ReadonlyMap<string, string>): string | null {
  const retail = customer.records.find(
    (key) => key.startsWith("retail_customer:") && names.has(key),
  );
  if (retail) return names.get(retail) ?? null;
  const online = customer.records.filter((key) => names.has(key)).at(-1);
  return online === undefined ? null : (names.get(online) ?? null);
}

async function loadNames(client: Client, recordKeys: string[]): Promise<Map<string, string>> {
  const retailIds = recordKeys
    .filter((k) => k.startsWith("retail_customer:"))
    .map((k) => k.slice(16));
  const orderNumbers = recordKeys
    .filter((k) => k.startsWith("order:ecom:"))
    .map((k) => k.slice(11));
  const rows = await client.$queryRawUnsafe<
    Array<{ key: string; first: string | null; last: string | null; full: string | null }>
  >(
    `SELECT 'retail_customer:' || id AS key, "firstName" AS first, "lastName" AS last, NULL AS full
       FROM "RetailCustomer" WHERE id = ANY($1::text[])
     UNION ALL
     SELECT 'order:ecom:' || "orderNumber", NULL, NULL, "customerName"
       FROM "EcomOrder" WHERE "orderNumber" = ANY($2::text[])`,
    retailIds,
    orderNumbers,
  );
  const names = new Map<string, string>();
  for (const row of rows) {
    const name = displayName(row.first, row.last, row.full);
    if (name) names.set(row.key, name);
  }
  return names;
}
