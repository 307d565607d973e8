-- AlterTable
ALTER TABLE "CustomerMetrics" ADD COLUMN     "brandShares" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "categoryShares" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "favouriteBrands" TEXT[] DEFAULT ARRAY[]::TEXT[];

