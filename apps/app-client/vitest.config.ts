import { defineTestConfig } from "../../vitest.shared.ts";

// The test starts the real backend (`pnpm cli serve`) once: PGlite start-up and migrations.
export default defineTestConfig(import.meta.dirname, {
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
