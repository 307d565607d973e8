// The store-wide state an incremental run scores against: RFM thresholds and the fitted BG/NBD and
// Gamma-Gamma parameters, refitted by full runs and kept in `AnalyticsModel`.
import type { Database } from "@greenloop/db";
import type { BgNbdParams, GammaGammaParams, RfmThresholds } from "@greenloop/order-sync/analytics";

export interface AnalyticsModels {
  rfm: RfmThresholds | null;
  bgNbd: (BgNbdParams & { logLikelihood: number; converged: boolean }) | null;
  gammaGamma: (GammaGammaParams & { logLikelihood: number; converged: boolean }) | null;
  fittedAt: Date | null;
}

/** The BG/NBD time unit: weeks, as CDNOW and the published parameters use. */
export const CLV_PERIOD_DAYS = 7;

export async function loadAnalyticsModels(db: Pick<Database, "prisma">): Promise<AnalyticsModels> {
  // Only the models: the same table also keeps the prediction gates' figures (prediction-gates.ts).
  const rows = await db.prisma.analyticsModel.findMany({
    where: { name: { in: ["rfm", "bg-nbd", "gamma-gamma"] } },
  });
  const params = (name: string) => rows.find((row) => row.name === name)?.params ?? null;
  const fitted = rows.map((row) => row.fittedAt).sort((a, b) => a.getTime() - b.getTime());
  return {
    rfm: params("rfm") as AnalyticsModels["rfm"],
    bgNbd: params("bg-nbd") as AnalyticsModels["bgNbd"],
    gammaGamma: params("gamma-gamma") as AnalyticsModels["gammaGamma"],
    fittedAt: fitted[0] ?? null,
  };
}

export async function saveAnalyticsModels(
  db: Pick<Database, "prisma">,
  models: Omit<AnalyticsModels, "fittedAt">,
  customers: number,
): Promise<void> {
  const entries = [
    ["rfm", models.rfm],
    ["bg-nbd", models.bgNbd],
    ["gamma-gamma", models.gammaGamma],
  ] as const;
  await db.prisma.$transaction(
    entries.map(([name, params]) =>
      params === null
        ? db.prisma.analyticsModel.deleteMany({ where: { name } })
        : db.prisma.analyticsModel.upsert({
            where: { name },
            create: { name, params: params as object, customers },
            update: { params: params as object, customers, fittedAt: new Date() },
          }),
    ),
  );
}
