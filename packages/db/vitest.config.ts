import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test file opens its own databases; PGlite start-up dominates, so allow for it.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
