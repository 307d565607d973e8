// Unknown paths: the dashboard's index.html only for page paths (it routes in the browser); a
// missing file, anything under /api and /metrics (when not served here) are a JSON 404, with or
// without a dashboard. (A browser asking for /favicon.xyz used to get the index page.)
import { writeFileSync } from "node:fs";
import path from "node:path";
import { testDatabaseKind, useTestCleanup } from "@greenloop/db/testing";
import { describe, expect, it } from "vitest";
import { loadEnv } from "../env";
import { createLogger } from "../logger";
import { openDatabaseForTest } from "../testing/test-database";
import { createApp } from "./app";

const cleanup = useTestCleanup();
const silent = createLogger({ level: "silent" });
const notFoundPaths = [
  "/favicon.xyz",
  "/x.js",
  "/assets/missing.css",
  "/api",
  "/api/nope",
  "/metrics",
];

async function expectJson404(response: Response, path: string) {
  expect(response.status, path).toBe(404);
  expect(response.headers.get("content-type"), path).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({
    error: { code: "NOT_FOUND", message: `No route for GET ${path}` },
  });
}

describe(`unknown paths (${testDatabaseKind})`, () => {
  it("are a JSON 404 without a dashboard", async () => {
    const db = await openDatabaseForTest(cleanup);
    const app = createApp({ db, logger: silent, env: loadEnv({}) });
    for (const path of [...notFoundPaths, "/customers/123"]) {
      await expectJson404(await app.request(path), path);
    }
  });

  it("with a dashboard: page paths get its index.html, files, /api and /metrics a JSON 404", async () => {
    const db = await openDatabaseForTest(cleanup);
    const dir = cleanup.tempDir();
    writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>GreenLoop</title>");
    writeFileSync(path.join(dir, "app.js"), "console.log('dashboard')");
    const app = createApp({ db, logger: silent, env: loadEnv({}), dashboardDir: dir });

    for (const page of ["/", "/customers", "/customers/123", "/settings/"]) {
      const response = await app.request(page);
      expect(response.status, page).toBe(200);
      expect(await response.text(), page).toContain("<title>GreenLoop</title>");
    }
    expect(await (await app.request("/app.js")).text()).toContain("dashboard");
    for (const path of notFoundPaths) await expectJson404(await app.request(path), path);
  });
});
