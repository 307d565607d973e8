-- What a customer's stored favourites were computed from (analytics/favourites-fingerprint.ts):
-- a full recompute sums favourites again only for customers whose fingerprint changed.
ALTER TABLE "CustomerMetrics" ADD COLUMN "favouritesFingerprint" TEXT;
