// One database per test: opened by the test that needs it, closed after it, passed or failed.
import { openTestDatabase, type TestCleanup, type TestDatabase } from "@greenloop/db/testing";

/** A migrated test database (PGlite, or PostgreSQL with DATABASE_URL), closed after the test. */
export async function openDatabaseForTest(cleanup: TestCleanup): Promise<TestDatabase> {
  const db = await openTestDatabase();
  cleanup.defer(() => db.close());
  return db;
}
