// Test settings every package shares. CI sets VITEST_REPORT to collect a JSON report per package
// (`.ci/summarize-tests.mjs` adds them up into the closing line).
import path from "node:path";
import { defineConfig, type ViteUserConfig } from "vitest/config";

type TestOptions = NonNullable<ViteUserConfig["test"]>;

export function defineTestConfig(packageDir: string, test: TestOptions = {}) {
  const report = process.env.VITEST_REPORT;
  const name = path.basename(packageDir);
  return defineConfig({
    test: {
      reporters: report
        ? ["default", ["json", { outputFile: `${report}-${name}.json` }]]
        : ["default"],
      ...test,
    },
  });
}
