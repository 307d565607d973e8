-- DropIndex
DROP INDEX "CustomerIdentity_kind_normalizedValue_key";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "metricsDirtyAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "countsInAnalytics" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "key" TEXT NOT NULL,
ADD COLUMN     "retailCustomerId" TEXT,
ADD COLUMN     "source" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "IdentityRecord" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "customerId" UUID,
    "identifiers" JSONB NOT NULL,
    "blocked" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityRecord_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "IdentityRecordIdentifier" (
    "kind" "IdentityKind" NOT NULL,
    "value" TEXT NOT NULL,
    "recordKey" TEXT NOT NULL,
    "onRetailCustomer" BOOLEAN NOT NULL,

    CONSTRAINT "IdentityRecordIdentifier_pkey" PRIMARY KEY ("kind","value","recordKey")
);

-- CreateTable
CREATE TABLE "IdentityPin" (
    "kind" "IdentityKind" NOT NULL,
    "value" TEXT NOT NULL,
    "customerId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityPin_pkey" PRIMARY KEY ("kind","value")
);

-- CreateTable
CREATE TABLE "FlaggedIdentifier" (
    "kind" "IdentityKind" NOT NULL,
    "value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "records" TEXT[],
    "firstFlaggedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlaggedIdentifier_pkey" PRIMARY KEY ("kind","value")
);

-- CreateTable
CREATE TABLE "CustomerLink" (
    "customerId" UUID NOT NULL,
    "fromRecord" TEXT NOT NULL,
    "toRecord" TEXT NOT NULL,
    "kind" "IdentityKind" NOT NULL,
    "value" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "firstLinkedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerLink_pkey" PRIMARY KEY ("fromRecord","toRecord","kind","value")
);

-- CreateIndex
CREATE INDEX "IdentityRecord_customerId_idx" ON "IdentityRecord"("customerId");

-- CreateIndex
CREATE INDEX "IdentityRecordIdentifier_recordKey_idx" ON "IdentityRecordIdentifier"("recordKey");

-- CreateIndex
CREATE INDEX "IdentityPin_customerId_idx" ON "IdentityPin"("customerId");

-- CreateIndex
CREATE INDEX "CustomerLink_customerId_idx" ON "CustomerLink"("customerId");

-- CreateIndex
CREATE INDEX "Customer_metricsDirtyAt_idx" ON "Customer"("metricsDirtyAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerIdentity_kind_normalizedValue_customerId_key" ON "CustomerIdentity"("kind", "normalizedValue", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_key_key" ON "Order"("key");

-- AddForeignKey
ALTER TABLE "CustomerLink" ADD CONSTRAINT "CustomerLink_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

