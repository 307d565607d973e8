import { defineTestConfig } from "../../vitest.shared.ts";

// Pure helpers (formatting, chart scales, query keys, pages) run in node; e2e/ drives Debian's
// Chromium against the running demo stack, whose start-up (a year of store history) takes a while.
export default defineTestConfig(import.meta.dirname, {
  environment: "node",
  include: ["src/**/*.test.ts", "e2e/**/*.test.ts"],
  testTimeout: 120_000,
  hookTimeout: 300_000,
});
