import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // PGlite start-up (a second or more on 2 cores) dominates these tests.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
