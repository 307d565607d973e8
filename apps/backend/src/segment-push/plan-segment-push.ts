// What pushing an analytics segment into an X-Series customer group would change: the segment's
// live customers, each of their live X-Series records not yet in the group, and who cannot be
// pushed (eCom-only customers have no X-Series record). Planned from the mirror, like the tier sync,
// and shaped as a tier sync plan so the tier sync's runner applies and undoes it.
import type { Database } from "@greenloop/db";
import { DomainError } from "@greenloop/order-sync/errors";
import type { CustomerGroup } from "@greenloop/order-sync/lightspeed";
import type { SegmentKind } from "../analytics/store-views";
import { countReachableInSegment } from "../consent/reachable-by-email";
import {
  eachCustomerOfRows,
  liveCustomersWithRetailRecordsSql,
} from "../tier-sync/live-customer-records-sql";
import { emptyTierSyncPlan, type TierSyncPlan } from "../tier-sync/tier-sync";

export const segmentKinds: readonly SegmentKind[] = ["rfmSegment", "tier", "inactivitySegment"];

export interface SegmentRef {
  by: SegmentKind;
  /** The segment's label as the analytics store it (`Champions`, `Bloom`, `lapsed`…). */
  value: string;
}

export interface PushGroup {
  id: string;
  name: string;
}

/** How many names of customers who cannot be pushed a preview shows. */
export const sampleNameCount = 5;

export interface SegmentPushPlan {
  segment: SegmentRef;
  group: PushGroup;
  /** Live customers in the segment. */
  customers: number;
  /** Of them, those the store may email: an email and no denial (consent/effective-consent.ts). */
  reachableByEmail: number;
  /** Customers with at least one X-Series record to move into the group. */
  customersToAdd: number;
  /** Customers whose every X-Series record is in the group already. */
  customersAlreadyInGroup: number;
  /** Customers with no live X-Series record: nothing to push. */
  customersWithoutRetailCustomer: number;
  /** A few of their names (display name, or null when they have none), in customer id order. */
  withoutRetailCustomerSample: Array<{ customerId: string; displayName: string | null }>;
  /** Planned changes (one per X-Series record) by the group they leave (name; "none"). */
  fromGroups: Record<string, number>;
  /** The changes, as the tier sync's runner takes them. */
  tierSyncPlan: TierSyncPlan;
}

interface PlanRow {
  customerId: string;
  displayName: string | null;
  retailCustomerId: string | null;
  customerGroupId: string | null;
}

/** The live group with this id; a deleted or unknown one is refused with the store's groups. */
export function findPushGroup(groups: readonly CustomerGroup[], groupId: string): PushGroup {
  const live = groups.filter((group) => !group.deleted_at);
  const found = live.find((group) => group.id === groupId);
  if (!found) {
    const listed = live.map((group) => `"${group.name ?? ""}" (${group.id})`).join(", ");
    throw new DomainError(
      "NOT_FOUND",
      `${groupId} is not a customer group of the store. Its groups: ${listed || "none"}.`,
    );
  }
  return { id: found.id, name: found.name?.trim() || found.id };
}

export async function planSegmentPush(
  db: Pick<Database, "prisma">,
  input: { segment: SegmentRef; groupId: string; groups: readonly CustomerGroup[] },
): Promise<SegmentPushPlan> {
  const { segment } = input;
  // The column name is interpolated: only the known kinds get that far.
  if (!segmentKinds.includes(segment.by)) {
    throw new DomainError("BAD_INPUT", `A segment is one of ${segmentKinds.join(", ")}.`);
  }
  const group = findPushGroup(input.groups, input.groupId);
  const groupNames = new Map(
    input.groups.map((candidate) => [candidate.id, candidate.name?.trim() || candidate.id]),
  );
  // One row per live customer (of the segment) and each of its live X-Series records, or one row
  // with none.
  const rows = await db.prisma.$queryRawUnsafe<PlanRow[]>(
    `SELECT c.id::text AS "customerId", c."displayName",
            rc.id AS "retailCustomerId", rc."customerGroupId"
       ${liveCustomersWithRetailRecordsSql} AND m."${segment.by}" = $1
      ORDER BY c.id, rc.id`,
    segment.value,
  );

  const reason = `segment:${segment.by}=${segment.value}`;
  const plan: SegmentPushPlan = {
    segment,
    group,
    customers: 0,
    reachableByEmail: await countReachableInSegment(db, segment),
    customersToAdd: 0,
    customersAlreadyInGroup: 0,
    customersWithoutRetailCustomer: 0,
    withoutRetailCustomerSample: [],
    fromGroups: {},
    tierSyncPlan: emptyTierSyncPlan(groupNames),
  };
  const changes = plan.tierSyncPlan.changes;
  for (const { first, records } of eachCustomerOfRows(rows)) {
    plan.customers += 1;
    if (records.length === 0) {
      plan.customersWithoutRetailCustomer += 1;
      if (plan.withoutRetailCustomerSample.length < sampleNameCount) {
        plan.withoutRetailCustomerSample.push({
          customerId: first.customerId,
          displayName: first.displayName,
        });
      }
      continue;
    }
    const moving = records.filter((record) => record.customerGroupId !== group.id);
    plan.tierSyncPlan.unchanged += records.length - moving.length;
    if (moving.length === 0) {
      plan.customersAlreadyInGroup += 1;
      continue;
    }
    plan.customersToAdd += 1;
    for (const record of moving) {
      changes.push({
        customerId: first.customerId,
        retailCustomerId: record.retailCustomerId as string,
        fromGroupId: record.customerGroupId,
        toGroupId: group.id,
        reason,
      });
      const from =
        record.customerGroupId === null
          ? "none"
          : (groupNames.get(record.customerGroupId) ?? record.customerGroupId);
      plan.fromGroups[from] = (plan.fromGroups[from] ?? 0) + 1;
    }
  }
  plan.tierSyncPlan.customers = plan.customers;
  plan.tierSyncPlan.withoutRetailCustomer = plan.customersWithoutRetailCustomer;
  if (changes.length > 0) plan.tierSyncPlan.byGroup = { [group.name]: changes.length };
  return plan;
}
