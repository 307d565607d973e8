-- CreateTable
CREATE TABLE "PendingMerge" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingMerge_pkey" PRIMARY KEY ("id")
);

