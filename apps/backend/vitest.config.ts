import { defineTestConfig } from "../../vitest.shared.ts";

// Each test opens its own databases; PGlite start-up (about a second on 2 cores) dominates.
export default defineTestConfig(import.meta.dirname, { testTimeout: 60_000, hookTimeout: 60_000 });
