// Imports the simulated store's current eCom export through the Import page, as the operator
// does, and waits for the run to finish: what several browser tests do before looking at what an
// import changes (missing orders, delays, store times).
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { openNavPage } from "./open-nav-page";
import type { RunningDemo } from "./start-demo";

let uploads = 0;

/** Leaves `page` on the finished run's view; fails the test unless the run is "done". */
export async function uploadStoreExport(demo: RunningDemo, page: Page): Promise<void> {
  uploads += 1;
  const file = path.join(tmpdir(), `store-export-${process.pid}-${uploads}.csv`);
  writeFileSync(file, (await demo.simulator("/ecom/export.csv")) as string);
  await openNavPage(page, "imports");
  await page.getByTestId("upload-file").setInputFiles(file);
  await page.getByTestId("upload-submit").click();
  const status = page.getByTestId("import-status").filter({ hasText: /done|failed/ });
  await status.waitFor({ timeout: 60_000 });
  expect((await status.textContent())?.trim()).toBe("done");
}
