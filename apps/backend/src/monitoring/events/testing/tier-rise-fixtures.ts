// Tier rises through the real path: a store's X-Series sales mirrored and merged, the analytics
// recomputed (where rises are recorded), and the devices the GreenLoop app registers.
import type { Database } from "@greenloop/db";
import type { SimulatedStore } from "@greenloop/lightspeed-simulator";
import { defaultAnalyticsConfig } from "@greenloop/order-sync/analytics";
import {
  recomputeAllCustomers,
  recomputeDirtyCustomers,
} from "../../../analytics/recompute-analytics";
import { HOUR } from "../../../customers/testing/customer-fixtures";
import { ingestRetail } from "../../../merge/testing/merge-harness";

/** The analytics' moment: an hour after the store's clock. */
export const analyticsMoment = (store: SimulatedStore) => new Date(store.now().getTime() + HOUR);

/** An in-store sale of `price` (before tax) for the customer, mirrored, merged and analyzed. */
export async function buyInStore(
  db: Database,
  store: SimulatedStore,
  customerId: string,
  price: number,
): Promise<void> {
  const sale = store.createSale({ customer_id: customerId, line_items: [{ price, quantity: 1 }] });
  store.advanceClock(HOUR);
  await ingestRetail(db, { sales: [sale] });
  await recomputeDirtyCustomers(db, {
    config: defaultAnalyticsConfig,
    asOf: analyticsMoment(store),
  });
}

/** The full run, as the scheduled analytics job does it. */
export async function recomputeEveryone(db: Database, store: SimulatedStore): Promise<void> {
  await recomputeAllCustomers(db, { config: defaultAnalyticsConfig, asOf: analyticsMoment(store) });
}

/** The tier the customer (an X-Series customer id) has now. */
export async function tierOf(db: Pick<Database, "prisma">, retailCustomerId: string) {
  const row = await db.prisma.customerIdentity.findFirstOrThrow({
    where: { kind: "RETAIL_CUSTOMER_ID", normalizedValue: retailCustomerId },
    select: { customer: { select: { id: true, metrics: { select: { tier: true } } } } },
  });
  return { customerId: row.customer.id, tier: row.customer.metrics?.tier ?? null };
}
