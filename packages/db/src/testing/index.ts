export { type Deferred, deferred } from "./deferred";
export {
  createScratchDatabase,
  type OpenTestDatabaseOptions,
  openTestDatabase,
  type TestDatabase,
  testDatabaseKind,
  testServerUrl,
} from "./open-test-database";
export {
  openClusterDatabase,
  type PostgresCluster,
  postgresBinDir,
  startPostgresCluster,
} from "./postgres-cluster";
export { type TestCleanup, useTestCleanup } from "./test-cleanup";
