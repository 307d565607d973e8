-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "IdentityKind" AS ENUM ('EMAIL', 'EMAIL_LOOSE', 'PHONE', 'RETAIL_CUSTOMER_ID', 'ECOM_CUSTOMER_KEY');

-- CreateEnum
CREATE TYPE "IdentityEventKind" AS ENUM ('LINK', 'MERGE', 'SPLIT', 'PIN', 'BLOCK');

-- CreateEnum
CREATE TYPE "OrderChannel" AS ENUM ('RETAIL', 'ECOM');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('OPEN', 'COMPLETED', 'VOIDED', 'CANCELLED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "OrderMatch" AS ENUM ('UNMATCHED', 'SOURCE_ID', 'NOTE_ORDER_ID', 'XSERIES_ORDER_ID_HINT');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'PROCESSING', 'DONE', 'DEAD');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED', 'DRY_RUN');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateTable
CREATE TABLE "RetailCustomer" (
    "id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "customerCode" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "mobile" TEXT,
    "customerGroupId" TEXT,
    "loyaltyBalance" DECIMAL(19,5),
    "remoteCreatedAt" TIMESTAMPTZ(3),
    "remoteUpdatedAt" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetailCustomer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetailSale" (
    "id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "customerId" TEXT,
    "outletId" TEXT,
    "registerId" TEXT,
    "invoiceNumber" TEXT,
    "status" TEXT,
    "state" TEXT,
    "attributes" TEXT[],
    "source" TEXT,
    "sourceId" TEXT,
    "note" TEXT,
    "returnFor" TEXT,
    "totalPrice" DECIMAL(19,5),
    "totalTax" DECIMAL(19,5),
    "totalLoyalty" DECIMAL(19,5),
    "saleDate" TIMESTAMPTZ(3),
    "remoteCreatedAt" TIMESTAMPTZ(3),
    "remoteUpdatedAt" TIMESTAMPTZ(3),
    "deletedAt" TIMESTAMPTZ(3),
    "payload" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetailSale_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EcomOrder" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "orderNumber" TEXT NOT NULL,
    "placedAt" TIMESTAMPTZ(3) NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "customerName" TEXT,
    "paymentStatusCode" TEXT,
    "paymentStatusLabel" TEXT,
    "fulfillmentStatusCode" TEXT,
    "fulfillmentStatusLabel" TEXT,
    "subtotal" DECIMAL(19,5),
    "tax" DECIMAL(19,5),
    "shipping" DECIMAL(19,5),
    "discount" DECIMAL(19,5),
    "total" DECIMAL(19,5) NOT NULL,
    "xseriesOrderIdHint" TEXT,
    "contentHash" TEXT NOT NULL,
    "rows" JSONB NOT NULL,
    "firstImportRunId" UUID NOT NULL,
    "lastImportRunId" UUID NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EcomOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EcomOrderItem" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ecomOrderId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sku" TEXT,
    "name" TEXT NOT NULL,
    "options" TEXT,
    "quantity" DECIMAL(19,5) NOT NULL,
    "unitPrice" DECIMAL(19,5) NOT NULL,
    "total" DECIMAL(19,5) NOT NULL,

    CONSTRAINT "EcomOrderItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EcomOrderChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ecomOrderId" UUID NOT NULL,
    "importRunId" UUID NOT NULL,
    "changes" JSONB NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EcomOrderChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "displayName" TEXT,
    "mergedIntoId" UUID,
    "erasedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerIdentity" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customerId" UUID NOT NULL,
    "kind" "IdentityKind" NOT NULL,
    "normalizedValue" TEXT NOT NULL,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "blockedReason" TEXT,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customerId" UUID NOT NULL,
    "kind" "IdentityEventKind" NOT NULL,
    "otherCustomerId" UUID,
    "identityKind" "IdentityKind",
    "sourceRecord" TEXT,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customerId" UUID,
    "channel" "OrderChannel" NOT NULL,
    "status" "OrderStatus" NOT NULL,
    "placedAt" TIMESTAMPTZ(3) NOT NULL,
    "total" DECIMAL(19,5) NOT NULL,
    "refundedTotal" DECIMAL(19,5) NOT NULL DEFAULT 0,
    "retailSaleId" TEXT,
    "ecomOrderNumber" TEXT,
    "matchedBy" "OrderMatch" NOT NULL DEFAULT 'UNMATCHED',
    "reachedRetailAt" TIMESTAMPTZ(3),
    "firstSeenInRetailAt" TIMESTAMPTZ(3),
    "syncDelaySeconds" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerMetrics" (
    "customerId" UUID NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "ecomOrderCount" INTEGER NOT NULL,
    "retailOrderCount" INTEGER NOT NULL,
    "totalSpend" DECIMAL(19,5) NOT NULL,
    "averageOrderValue" DECIMAL(19,5) NOT NULL,
    "spend90d" DECIMAL(19,5) NOT NULL,
    "orders90d" INTEGER NOT NULL,
    "firstOrderAt" TIMESTAMPTZ(3),
    "lastOrderAt" TIMESTAMPTZ(3),
    "meanDaysBetweenOrders" DOUBLE PRECISION,
    "rfmRecency" INTEGER,
    "rfmFrequency" INTEGER,
    "rfmMonetary" INTEGER,
    "rfmSegment" TEXT,
    "inactivitySegment" TEXT,
    "tier" TEXT,
    "isVip" BOOLEAN NOT NULL DEFAULT false,
    "probabilityAlive" DOUBLE PRECISION,
    "churnRisk" DOUBLE PRECISION,
    "predictedPurchases90d" DOUBLE PRECISION,
    "predictedPurchases365d" DOUBLE PRECISION,
    "predictedValue90d" DECIMAL(19,5),
    "predictedValue365d" DECIMAL(19,5),
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CustomerMetrics_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "resource" TEXT NOT NULL,
    "afterVersion" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("resource")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "dedupeKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "domainPrefix" TEXT,
    "objectId" TEXT,
    "rawBody" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "job" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "pages" INTEGER NOT NULL DEFAULT 0,
    "records" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "details" JSONB,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "fileBytes" BIGINT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "rowsTotal" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "ordersCreated" INTEGER NOT NULL DEFAULT 0,
    "ordersUpdated" INTEGER NOT NULL DEFAULT 0,
    "ordersUnchanged" INTEGER NOT NULL DEFAULT 0,
    "errorReport" JSONB,
    "error" TEXT,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncAlert" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'OPEN',
    "message" TEXT NOT NULL,
    "details" JSONB,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SyncAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB,
    "alertId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperationalCounter" (
    "name" TEXT NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OperationalCounter_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "RetailCustomer_version_idx" ON "RetailCustomer"("version");

-- CreateIndex
CREATE INDEX "RetailCustomer_email_idx" ON "RetailCustomer"("email");

-- CreateIndex
CREATE INDEX "RetailSale_version_idx" ON "RetailSale"("version");

-- CreateIndex
CREATE INDEX "RetailSale_customerId_idx" ON "RetailSale"("customerId");

-- CreateIndex
CREATE INDEX "RetailSale_source_sourceId_idx" ON "RetailSale"("source", "sourceId");

-- CreateIndex
CREATE INDEX "RetailSale_saleDate_idx" ON "RetailSale"("saleDate");

-- CreateIndex
CREATE UNIQUE INDEX "EcomOrder_orderNumber_key" ON "EcomOrder"("orderNumber");

-- CreateIndex
CREATE INDEX "EcomOrder_email_idx" ON "EcomOrder"("email");

-- CreateIndex
CREATE INDEX "EcomOrder_placedAt_idx" ON "EcomOrder"("placedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EcomOrderItem_ecomOrderId_position_key" ON "EcomOrderItem"("ecomOrderId", "position");

-- CreateIndex
CREATE INDEX "EcomOrderChange_ecomOrderId_idx" ON "EcomOrderChange"("ecomOrderId");

-- CreateIndex
CREATE INDEX "Customer_mergedIntoId_idx" ON "Customer"("mergedIntoId");

-- CreateIndex
CREATE INDEX "CustomerIdentity_customerId_idx" ON "CustomerIdentity"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerIdentity_kind_normalizedValue_key" ON "CustomerIdentity"("kind", "normalizedValue");

-- CreateIndex
CREATE INDEX "IdentityEvent_customerId_createdAt_idx" ON "IdentityEvent"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_retailSaleId_key" ON "Order"("retailSaleId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_ecomOrderNumber_key" ON "Order"("ecomOrderNumber");

-- CreateIndex
CREATE INDEX "Order_customerId_placedAt_idx" ON "Order"("customerId", "placedAt");

-- CreateIndex
CREATE INDEX "Order_placedAt_idx" ON "Order"("placedAt");

-- CreateIndex
CREATE INDEX "Order_channel_reachedRetailAt_idx" ON "Order"("channel", "reachedRetailAt");

-- CreateIndex
CREATE INDEX "CustomerMetrics_rfmSegment_idx" ON "CustomerMetrics"("rfmSegment");

-- CreateIndex
CREATE INDEX "CustomerMetrics_totalSpend_idx" ON "CustomerMetrics"("totalSpend");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_dedupeKey_key" ON "WebhookDelivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "JobRun_job_startedAt_idx" ON "JobRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "ImportRun_fileSha256_idx" ON "ImportRun"("fileSha256");

-- CreateIndex
CREATE INDEX "SyncAlert_status_openedAt_idx" ON "SyncAlert"("status", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SyncAlert_kind_subjectKey_key" ON "SyncAlert"("kind", "subjectKey");

-- CreateIndex
CREATE INDEX "Notification_createdAt_idx" ON "Notification"("createdAt");

-- AddForeignKey
ALTER TABLE "RetailSale" ADD CONSTRAINT "RetailSale_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "RetailCustomer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EcomOrder" ADD CONSTRAINT "EcomOrder_firstImportRunId_fkey" FOREIGN KEY ("firstImportRunId") REFERENCES "ImportRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EcomOrder" ADD CONSTRAINT "EcomOrder_lastImportRunId_fkey" FOREIGN KEY ("lastImportRunId") REFERENCES "ImportRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EcomOrderItem" ADD CONSTRAINT "EcomOrderItem_ecomOrderId_fkey" FOREIGN KEY ("ecomOrderId") REFERENCES "EcomOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EcomOrderChange" ADD CONSTRAINT "EcomOrderChange_ecomOrderId_fkey" FOREIGN KEY ("ecomOrderId") REFERENCES "EcomOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EcomOrderChange" ADD CONSTRAINT "EcomOrderChange_importRunId_fkey" FOREIGN KEY ("importRunId") REFERENCES "ImportRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerIdentity" ADD CONSTRAINT "CustomerIdentity_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityEvent" ADD CONSTRAINT "IdentityEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerMetrics" ADD CONSTRAINT "CustomerMetrics_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "SyncAlert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

