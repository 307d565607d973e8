-- DropForeignKey
ALTER TABLE "RetailSale" DROP CONSTRAINT "RetailSale_customerId_fkey";

