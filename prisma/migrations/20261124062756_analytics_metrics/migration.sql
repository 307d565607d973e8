-- AlterTable
ALTER TABLE "CustomerMetrics" ADD COLUMN     "amountToNextTier" DECIMAL(19,5),
ADD COLUMN     "asOf" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "churnRiskLabel" TEXT,
ADD COLUMN     "daysSinceLastOrder" INTEGER,
ADD COLUMN     "expectedAverageSpend" DECIMAL(19,5),
ADD COLUMN     "favouriteCategories" TEXT[],
ADD COLUMN     "favouriteProducts" TEXT[],
ADD COLUMN     "isFirstTimeBuyer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "isHighValue" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "nextTier" TEXT,
ADD COLUMN     "onlineShare" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "AnalyticsModel" (
    "name" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "customers" INTEGER NOT NULL,
    "fittedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsModel_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "CustomerGroupChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "runId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "retailCustomerId" TEXT NOT NULL,
    "fromGroupId" TEXT,
    "toGroupId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMPTZ(3),

    CONSTRAINT "CustomerGroupChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerGroupChange_runId_idx" ON "CustomerGroupChange"("runId");

-- CreateIndex
CREATE INDEX "CustomerGroupChange_retailCustomerId_appliedAt_idx" ON "CustomerGroupChange"("retailCustomerId", "appliedAt");

-- CreateIndex
CREATE INDEX "CustomerMetrics_tier_idx" ON "CustomerMetrics"("tier");

-- CreateIndex
CREATE INDEX "CustomerMetrics_lastOrderAt_idx" ON "CustomerMetrics"("lastOrderAt");

