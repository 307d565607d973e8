import { defineTestConfig } from "../../vitest.shared.ts";

// The streaming CSV tests parse tens of thousands of rows: allow for a loaded 2-core machine.
export default defineTestConfig(import.meta.dirname, { testTimeout: 30_000 });
