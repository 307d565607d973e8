// A customer's analytics as the app and the CLI show them: money as strings with 2 decimals (the
// stored values keep 5), dates as Dates, null where there is nothing to say yet.
import type { Database } from "@greenloop/db";
import { formatMoney } from "@greenloop/order-sync/analytics";
import Decimal from "decimal.js";

export interface CustomerMetricsView {
  lifetimeValue: string;
  orderCount: number;
  ecomOrderCount: number;
  retailOrderCount: number;
  averageOrderValue: string;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  daysSinceLastOrder: number | null;
  rolling90DaySpend: string;
  rolling90DayOrders: number;
  inactiveSegment: string | null;
  tier: string | null;
  nextTier: string | null;
  amountToNextTier: string | null;
  isVip: boolean;
  isHighValue: boolean;
  isFirstTimeBuyer: boolean;
  rfmSegment: string | null;
  probabilityAlive: number | null;
  churnRisk: number | null;
  predictedPurchases365: number | null;
  predictedClv365: string | null;
  computedAt: Date;
}

const money = (value: { toString(): string } | null) =>
  value === null ? null : formatMoney(new Decimal(value.toString()));

/** Metrics per customer id; customers not computed yet are absent. */
export async function loadCustomerMetricsViews(
  db: Pick<Database, "prisma">,
  customerIds: string[],
): Promise<Map<string, CustomerMetricsView>> {
  const rows = await db.prisma.customerMetrics.findMany({
    where: { customerId: { in: customerIds } },
  });
  return new Map(
    rows.map((m) => [
      m.customerId,
      {
        lifetimeValue: money(m.totalSpend) ?? "0.00",
        orderCount: m.orderCount,
        ecomOrderCount: m.ecomOrderCount,
        retailOrderCount: m.retailOrderCount,
        averageOrderValue: money(m.averageOrderValue) ?? "0.00",
        firstOrderAt: m.firstOrderAt,
        lastOrderAt: m.lastOrderAt,
        daysSinceLastOrder: m.daysSinceLastOrder,
        rolling90DaySpend: money(m.spend90d) ?? "0.00",
        rolling90DayOrders: m.orders90d,
        inactiveSegment: m.inactivitySegment,
        tier: m.tier,
        nextTier: m.nextTier,
        amountToNextTier: money(m.amountToNextTier),
        isVip: m.isVip,
        isHighValue: m.isHighValue,
        isFirstTimeBuyer: m.isFirstTimeBuyer,
        rfmSegment: m.rfmSegment,
        probabilityAlive: m.probabilityAlive,
        churnRisk: m.churnRisk,
        predictedPurchases365: m.predictedPurchases365d,
        predictedClv365: money(m.predictedValue365d),
        computedAt: m.computedAt,
      },
    ]),
  );
}
