import { defineTestConfig } from "../../vitest.shared";

export default defineTestConfig(import.meta.dirname);
