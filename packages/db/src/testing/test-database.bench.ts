// How long a test waits for a migrated embedded database: from scratch (initdb + migrations,
// the naive way) versus loading a dump of an already-migrated one (what openTestDatabase does).
import { bench, describe } from "vitest";
import { IN_MEMORY, openDatabase } from "../open-database";
import { openTestDatabase } from "./open-test-database";

describe("a migrated in-memory PGlite database", () => {
  bench(
    "initdb + migrations (naive)",
    async () => {
      const db = await openDatabase({ pgliteDir: IN_MEMORY });
      await db.migrate();
      await db.close();
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench(
    "load the migrated snapshot (openTestDatabase)",
    async () => {
      const db = await openTestDatabase();
      await db.close();
    },
    { iterations: 5, warmupIterations: 1 },
  );
});
