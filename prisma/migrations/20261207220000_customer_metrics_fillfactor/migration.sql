-- Every full analytics run rewrites every customer's metrics row (recency, predictions and `asOf`
-- move with the clock), while the indexed columns (tier, segment, spend, last order) rarely change.
-- With half of each page left free, PostgreSQL writes the new version beside the old one and
-- updates no index (a HOT update), and the next run's writes reclaim the previous run's versions
-- on the page: the upsert of 100,000 rows took 0.6–0.7 s instead of 1.6–2.0 s, and six rewrites
-- of every row after a VACUUM FULL left the table at 78 MB instead of 259 MB (BENCHMARKS.md,
-- issue 19).
-- Existing pages keep their fill until they are rewritten (VACUUM FULL, or as rows move).
ALTER TABLE "CustomerMetrics" SET (fillfactor = 50);
