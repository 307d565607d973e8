export {
  createScratchDatabase,
  type OpenTestDatabaseOptions,
  openTestDatabase,
  type TestDatabase,
  testDatabaseKind,
  testServerUrl,
} from "./open-test-database";
