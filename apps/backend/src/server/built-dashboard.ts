// The dashboard's built files (`pnpm --filter @greenloop/dashboard build`), when they exist: the
// backend serves them at `/`, same origin as the API, so the browser needs no CORS.
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../env";

export const builtDashboardDir = path.join(repoRoot, "apps/dashboard/dist");

export function findBuiltDashboard(): string | undefined {
  return existsSync(path.join(builtDashboardDir, "index.html")) ? builtDashboardDir : undefined;
}
