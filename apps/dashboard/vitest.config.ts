import { defineTestConfig } from "../../vitest.shared.ts";

// Pure helpers only (formatting, chart scales, query keys, pages): they run in node.
export default defineTestConfig(import.meta.dirname, { environment: "node" });
