-- AlterEnum
ALTER TYPE "ImportStatus" ADD VALUE 'INTERRUPTED';

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "heartbeatAt" TIMESTAMPTZ(3),
ADD COLUMN     "owner" TEXT;

