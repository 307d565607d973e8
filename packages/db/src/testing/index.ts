export {
  createScratchDatabase,
  type OpenTestDatabaseOptions,
  openTestDatabase,
  type TestDatabase,
  testDatabaseKind,
  testServerUrl,
} from "./open-test-database";
export { type TestCleanup, useTestCleanup } from "./test-cleanup";
