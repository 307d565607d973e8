// Test support: a stored CustomerMetrics row for tests that need a customer's analytics without a
// whole analytics run. One retail order of 10 unless the test says otherwise.
import type { Database, Prisma } from "@greenloop/db";

export async function seedCustomerMetrics(
  db: Pick<Database, "prisma">,
  customerId: string,
  values: Partial<Omit<Prisma.CustomerMetricsUncheckedCreateInput, "customerId">> = {},
): Promise<void> {
  await db.prisma.customerMetrics.create({
    data: {
      customerId,
      orderCount: 1,
      ecomOrderCount: 0,
      retailOrderCount: 1,
      totalSpend: "10",
      averageOrderValue: "10",
      spend90d: "10",
      orders90d: 1,
      ...values,
    },
    select: { customerId: true },
  });
}
