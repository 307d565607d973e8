-- CreateEnum
CREATE TYPE "ConsentChannel" AS ENUM ('email', 'sms');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('granted', 'denied');

-- CreateTable
CREATE TABLE "CustomerConsent" (
    "channel" "ConsentChannel" NOT NULL,
    "source" TEXT NOT NULL,
    "recordKey" TEXT NOT NULL,
    "customerId" UUID,
    "status" "ConsentStatus" NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerConsent_pkey" PRIMARY KEY ("channel","source")
);

-- CreateIndex
CREATE INDEX "CustomerConsent_recordKey_idx" ON "CustomerConsent"("recordKey");

-- CreateIndex
CREATE INDEX "CustomerConsent_customerId_idx" ON "CustomerConsent"("customerId");

