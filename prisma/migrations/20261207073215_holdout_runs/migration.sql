-- CreateTable
CREATE TABLE "HoldoutRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ranAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "holdoutWeeks" INTEGER NOT NULL,
    "calibrationStart" TIMESTAMPTZ(3) NOT NULL,
    "calibrationEnd" TIMESTAMPTZ(3) NOT NULL,
    "observationEnd" TIMESTAMPTZ(3) NOT NULL,
    "customers" INTEGER NOT NULL,
    "mae" DOUBLE PRECISION NOT NULL,
    "rmse" DOUBLE PRECISION NOT NULL,
    "correlation" DOUBLE PRECISION,
    "predictedTotal" DOUBLE PRECISION NOT NULL,
    "actualTotal" DOUBLE PRECISION NOT NULL,
    "deciles" JSONB NOT NULL,
    "params" JSONB NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "HoldoutRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HoldoutRun_ranAt_idx" ON "HoldoutRun"("ranAt");

