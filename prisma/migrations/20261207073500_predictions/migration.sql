-- AlterTable
ALTER TABLE "CustomerMetrics" ADD COLUMN     "expectedNextOrderAt" TIMESTAMPTZ(3),
ADD COLUMN     "predictionWithheldReason" TEXT;

