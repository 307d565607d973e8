// The store's figures behind the prediction gates, measured at the end of every full analytics run
// from the metrics it wrote and kept beside the models (`AnalyticsModel` "prediction-gates"). The
// gates are judged on read, so a changed threshold applies at once; the figures move with the
// next full run.
import type { Database } from "@greenloop/db";
import {
  type AnalyticsConfig,
  evaluatePredictionGates,
  type PredictionGateReport,
  type StorePredictionFacts,
} from "@greenloop/order-sync/analytics";

const factsName = "prediction-gates";

/** One aggregate over CustomerMetrics: counted orders, as every other figure counts them. */
export async function measureStorePredictionFacts(
  db: Pick<Database, "prisma">,
  { asOf, config }: { asOf: Date; config: Pick<AnalyticsConfig, "predictions"> },
): Promise<StorePredictionFacts> {
  const repeatCustomerMinOrders = config.predictions.gates.repeatCustomerMinOrders;
  const [row] = await db.prisma.$queryRawUnsafe<
    Array<{
      customersWithOrders: number;
      repeatCustomers: number;
      firstOrderAt: Date | null;
      lastOrderAt: Date | null;
    }>
  >(
    `SELECT count(*) FILTER (WHERE m."orderCount" > 0)::int AS "customersWithOrders",
            count(*) FILTER (WHERE m."orderCount" >= $1)::int AS "repeatCustomers",
            min(m."firstOrderAt") AS "firstOrderAt", max(m."lastOrderAt") AS "lastOrderAt"
       FROM "CustomerMetrics" m JOIN "Customer" c ON c.id = m."customerId"
      WHERE c."mergedIntoId" IS NULL`,
    repeatCustomerMinOrders,
  );
  return {
    asOf,
    customersWithOrders: row?.customersWithOrders ?? 0,
    repeatCustomers: row?.repeatCustomers ?? 0,
    repeatCustomerMinOrders,
    firstOrderAt: row?.firstOrderAt ?? null,
    lastOrderAt: row?.lastOrderAt ?? null,
  };
}

export async function saveStorePredictionFacts(
  db: Pick<Database, "prisma">,
  facts: StorePredictionFacts,
): Promise<void> {
  const params = {
    ...facts,
    asOf: facts.asOf.toISOString(),
    firstOrderAt: facts.firstOrderAt?.toISOString() ?? null,
    lastOrderAt: facts.lastOrderAt?.toISOString() ?? null,
  };
  await db.prisma.analyticsModel.upsert({
    where: { name: factsName },
    create: { name: factsName, params, customers: facts.customersWithOrders },
    update: { params, customers: facts.customersWithOrders, fittedAt: new Date() },
  });
}

/** The gates judged on the last full run's figures; null before any full run. */
export async function loadPredictionGateReport(
  db: Pick<Database, "prisma">,
  config: Pick<AnalyticsConfig, "predictions">,
): Promise<PredictionGateReport | null> {
  const row = await db.prisma.analyticsModel.findUnique({
    where: { name: factsName },
    select: { params: true },
  });
  if (!row) return null;
  const stored = row.params as Record<string, unknown>;
  const date = (value: unknown) => (typeof value === "string" ? new Date(value) : null);
  const facts: StorePredictionFacts = {
    asOf: date(stored.asOf) ?? new Date(0),
    customersWithOrders: Number(stored.customersWithOrders ?? 0),
    repeatCustomers: Number(stored.repeatCustomers ?? 0),
    repeatCustomerMinOrders: Number(stored.repeatCustomerMinOrders ?? 0),
    firstOrderAt: date(stored.firstOrderAt),
    lastOrderAt: date(stored.lastOrderAt),
  };
  return evaluatePredictionGates(facts, config);
}
