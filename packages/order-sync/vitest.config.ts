import { defineTestConfig } from "../../vitest.shared.ts";

export default defineTestConfig(import.meta.dirname);
