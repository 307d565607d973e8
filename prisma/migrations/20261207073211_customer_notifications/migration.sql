-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "customerId" UUID;

-- AlterTable
ALTER TABLE "NotificationDelivery" ADD COLUMN     "receiptCheckedAt" TIMESTAMPTZ(3),
ADD COLUMN     "receiptStatus" TEXT,
ADD COLUMN     "ticketId" TEXT;

-- AlterTable
ALTER TABLE "PushToken" ADD COLUMN     "userKey" TEXT,
ADD COLUMN     "userKind" "IdentityKind",
ADD COLUMN     "userLooseKey" TEXT;

-- CreateTable
CREATE TABLE "CustomerTierRise" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customerId" UUID NOT NULL,
    "fromTier" TEXT NOT NULL,
    "toTier" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "detectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CustomerTierRise_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CustomerTierRise_notifiedAt_idx" ON "CustomerTierRise"("notifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CustomerTierRise_customerId_toTier_day_key" ON "CustomerTierRise"("customerId", "toTier", "day");

-- CreateIndex
CREATE INDEX "Notification_customerId_createdAt_idx" ON "Notification"("customerId", "createdAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_channel_receiptCheckedAt_sentAt_idx" ON "NotificationDelivery"("channel", "receiptCheckedAt", "sentAt");

-- CreateIndex
CREATE INDEX "PushToken_userKey_idx" ON "PushToken"("userKey");

-- CreateIndex
CREATE INDEX "PushToken_userLooseKey_idx" ON "PushToken"("userLooseKey");


-- Devices customers registered before this migration carry the session's email, already
-- normalized at sign-in; tokens registered from now on are normalized by the backend.
UPDATE "PushToken" SET "userKind" = 'EMAIL', "userKey" = lower(btrim("userId"))
 WHERE "audience" = 'CUSTOMER' AND "userId" LIKE '%@%';
