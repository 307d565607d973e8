-- What a customer's stored favourites were computed from (analytics/favourites-fingerprint.ts):
-- a full recompute sums favourites again only for customers whose fingerprint changed.
ALTER TABLE "CustomerMetrics" ADD COLUMN "favouritesFingerprint" TEXT;

-- Which version of its lines each order has (merge/rebuild-orders.ts keeps it from here on).
ALTER TABLE "Order" ADD COLUMN "linesVersion" TEXT;
UPDATE "Order" o SET "linesVersion" = 's' || s.version
  FROM "RetailSale" s WHERE s.id = o."retailSaleId";
UPDATE "Order" o SET "linesVersion" = 'e' || e."contentHash"
  FROM "EcomOrder" e WHERE o."retailSaleId" IS NULL AND e."orderNumber" = o."ecomOrderNumber";
