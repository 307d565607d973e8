-- An import run is SUCCEEDED when its file's orders are written; its last merge and the
-- analytics follow, and a big import's tail takes a while. The phase says where that tail is, so
-- a watcher knows when the customers' numbers include the file (imports/import-run-tail.ts).
ALTER TABLE "ImportRun" ADD COLUMN "phase" TEXT;
