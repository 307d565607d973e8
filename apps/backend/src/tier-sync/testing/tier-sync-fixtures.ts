// Test support for the tier sync: a simulated store's customers and sales mirrored and merged
// into canonical customers, then given the tiers a test chooses.
import type { Database } from "@greenloop/db";
import type { SimulatedStore } from "@greenloop/lightspeed-simulator";
import {
  type Customer,
  customerSchema,
  type Sale,
  saleSchema,
} from "@greenloop/order-sync/lightspeed";
import { seedCustomerMetrics } from "../../analytics/testing/seed-customer-metrics";
import { writeRetailCustomers, writeRetailSales } from "../../ingestion/retail-mirror";
import { parsed } from "../../ingestion/testing/parsed-record";
import { mergeChanges } from "../../merge/merge-changes";
import { createMergeRules } from "../../merge/merge-rules";

/** Mirrors every customer and sale of the store (as a full poll would) and merges them. */
export async function mirrorAndMergeStore(
  db: Pick<Database, "prisma" | "bulkTransaction">,
  store: SimulatedStore,
): Promise<void> {
  const customers = store.customers().map((c) => parsed<Customer>(customerSchema, c));
  const sales = store.sales().map((s) => parsed<Sale>(saleSchema, s));
  const writtenCustomers = await writeRetailCustomers(db.prisma, customers);
  const writtenSales = await writeRetailSales(db.prisma, sales);
  await mergeChanges(
    db,
    {
      retailCustomerIds: [...writtenCustomers.inserted, ...writtenCustomers.updated],
      saleIds: [...writtenSales.inserted, ...writtenSales.updated],
    },
    createMergeRules(),
  );
}

export interface ChosenMetrics {
  tier: string | null;
  isFirstTimeBuyer?: boolean;
}

export interface SeededCustomer {
  customerId: string;
  tier: string | null;
  isFirstTimeBuyer: boolean;
  /** Its live X-Series customer records. */
  retailCustomerIds: string[];
}

/**
 * Gives every live canonical customer (in id order) a `CustomerMetrics` row with the tier
 * `choose` returns (null from `choose`: no metrics row at all).
 */
export async function giveTiers(
  db: Pick<Database, "prisma">,
  choose: (index: number) => ChosenMetrics | null,
): Promise<SeededCustomer[]> {
  const customers = await db.prisma.customer.findMany({
    where: { mergedIntoId: null, erasedAt: null },
    select: { id: true },
    // By name first: ids are random, and `choose(index)` must pick the same people every run.
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
  });
  const records = await db.prisma.identityRecord.findMany({
    where: { kind: "retail_customer", customerId: { not: null } },
    select: { key: true, customerId: true },
  });
  const live = new Set(
    (
      await db.prisma.retailCustomer.findMany({ where: { deletedAt: null }, select: { id: true } })
    ).map((row) => row.id),
  );
  const seeded: SeededCustomer[] = [];
  for (const [index, { id }] of customers.entries()) {
    const chosen = choose(index);
    if (chosen === null) continue;
    const isFirstTimeBuyer = chosen.isFirstTimeBuyer ?? false;
    await seedCustomerMetrics(db, id, {
      favouriteProducts: [],
      favouriteCategories: [],
      tier: chosen.tier,
      isFirstTimeBuyer,
    });
    seeded.push({
      customerId: id,
      tier: chosen.tier,
      isFirstTimeBuyer,
      retailCustomerIds: records
        .filter((record) => record.customerId === id)
        .map((record) => record.key.slice("retail_customer:".length))
        .filter((retailId) => live.has(retailId))
        .sort(),
    });
  }
  return seeded;
}

/** The store's group id by name (the simulator's: All Customers, Bronze, Silver, Gold, Platinum). */
export function groupIdByName(store: SimulatedStore, name: string): string {
  const group = store.customerGroups().find((candidate) => candidate.name === name);
  if (!group) throw new Error(`the simulated store has no group ${name}`);
  return group.id;
}

/** Each X-Series customer's current group in the simulated store. */
export function storeGroups(store: SimulatedStore): Map<string, string> {
  return new Map(store.customers().map((customer) => [customer.id, customer.customer_group_id]));
}

/**
 * The reference: the group each seeded customer's X-Series records must end in, from tier → group
 * name (and the First Time Buyer group name, which wins when set).
 */
export function expectedTargets(
  store: SimulatedStore,
  seeded: readonly SeededCustomer[],
  groupOfTier: Readonly<Record<string, string>>,
  firstTimeBuyerGroup?: string,
): Map<string, string> {
  const targets = new Map<string, string>();
  for (const customer of seeded) {
    const name =
      customer.isFirstTimeBuyer && firstTimeBuyerGroup !== undefined
        ? firstTimeBuyerGroup
        : customer.tier === null
          ? undefined
          : groupOfTier[customer.tier];
    if (name === undefined) continue;
    for (const id of customer.retailCustomerIds) targets.set(id, groupIdByName(store, name));
  }
  return targets;
}
