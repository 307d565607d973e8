// The store's time in a real browser, at a phone's and a laptop's width: a browser in another zone
// (Honolulu) still shows the store's (Chicago) times with their zone label, the Overview's periods
// are the store's months and weeks with the running one "to date" (no false drop), and after the
// store's clock moves 10 days, freshness, alerts and /health agree on one clock.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { rangeStart } from "../src/dates/range-start";
import { formatDate } from "../src/format/format-date";
import {
  browserReady,
  eventually,
  locale,
  textOf as text,
  useBrowserSession,
  type ViewportName,
  viewportNames,
} from "./browser-session";
import { openNavPage } from "./open-nav-page";
import { uploadStoreExport } from "./upload-store-export";

const STORE_TIMEZONE = "America/Chicago";
/** The browser's zone: behind Chicago, so a store midnight is the day before there. */
const BROWSER_TIMEZONE = "Pacific/Honolulu";
const DAY_MS = 86_400_000;

const session = useBrowserSession({ env: { STORE_TIMEZONE } });

/** Clicks a job's "Run now" until a run completes (a scheduled run going on is "skipped"). */
async function runNow(page: Page, job: "poll" | "monitoring"): Promise<void> {
  await eventually(async () => {
    // Waits while a run started by an earlier click is still going (the button is disabled).
    await page.getByTestId(`run-now-${job}`).click({ timeout: 120_000 });
    const result = page.getByTestId(`run-now-${job}-result`);
    await result.filter({ hasText: /done|skipped|failed/ }).waitFor({ timeout: 120_000 });
    expect(((await result.textContent()) ?? "").trim()).toBe("done");
  }, 10);
}

function storePage(viewport: ViewportName): Promise<Page> {
  return session.signedInPage({ viewport, timezoneId: BROWSER_TIMEZONE });
}

describe.skipIf(!browserReady)("the store's time, whatever the browser's", () => {
  beforeAll(async () => {
    // An online order that takes 60 days to reach X-Series, imported from the store's export.
    await session.demo.simulator("/ecom/orders", { body: { delayMs: 60 * DAY_MS } });
    const page = await storePage("desktop");
    await uploadStoreExport(session.demo, page);
    await page.close();
    // Ten days pass in the store: the order is missing, and nothing has polled for 10 days.
    await session.demo.simulator("/clock/advance", { body: { ms: 10 * DAY_MS } });
  });

  it.each(viewportNames)(
    "shows the Overview in the store's months and weeks, the running one to date and not compared (%s)",
    async (viewport) => {
      const { timeZone, now } = await session.api.system.storeTime.query();
      expect(timeZone).toBe(STORE_TIMEZONE);
      const from = rangeStart(now, "month", 12, STORE_TIMEZONE);
      const storeDay = formatDate(from, { timeZone: STORE_TIMEZONE, locale });
      // The check means something: in the browser's zone the range would start a day earlier.
      expect(formatDate(from, { timeZone: BROWSER_TIMEZONE, locale })).not.toBe(storeDay);

      const page = await storePage(viewport);
      const range = await text(page, "summary-range");
      expect(range).toContain(`${storeDay} – `);
      expect(range).toContain("Central Time");
      expect(range).toContain("month to date");

      const rows = page.getByTestId("period-row");
      await rows.first().waitFor();
      // Newest first: the running month is labelled and shows no change; no other row is.
      const current = rows.first();
      expect(await current.getAttribute("data-to-date")).toBe("true");
      expect(await current.getByTestId("period-to-date").textContent()).toContain("month to date");
      const change = current.getByTestId("period-change");
      expect(await change.textContent()).toBe("to date");
      expect(await change.getAttribute("class")).not.toContain("negative");
      expect(await page.getByTestId("period-to-date").count()).toBe(1);

      await page.getByTestId("overview-period").selectOption("week");
      await page.getByTestId("period-row").first().filter({ hasText: "week to date" }).waitFor();
      expect(await page.getByTestId("period-to-date").count()).toBe(1);
      await page.close();
    },
  );

  it.each(viewportNames)(
    "shows store times with the store's zone label on Sync health, alert texts included (%s)",
    async (viewport) => {
      const page = await storePage(viewport);
      await openNavPage(page, "sync");
      await runNow(page, "monitoring");

      const placed = page
        .getByTestId("missing-order-row")
        .first()
        .getByTestId("missing-order-placed");
      await placed.waitFor();
      expect(await placed.textContent()).toMatch(/\d{1,2}:\d{2}\s?[AP]M C[SD]T$/);

      const missingAlert = page
        .locator('[data-testid="alert-row"][data-kind="MISSING_ECOM_ORDER"]')
        .first();
      await missingAlert.waitFor({ timeout: 30_000 });
      expect(await missingAlert.getByTestId("alert-message").textContent()).toMatch(
        /placed \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M America\/Chicago,/,
      );
      expect(await missingAlert.getByTestId("alert-time").getAttribute("title")).toMatch(/C[SD]T$/);
      expect(await page.getByText(/\bHST\b/).count()).toBe(0);
      await page.close();
    },
  );

  it.each(viewportNames)(
    "agrees on one clock after the store's clock moved: polls succeed, nothing stale (%s)",
    async (viewport) => {
      const page = await storePage(viewport);
      await openNavPage(page, "sync");
      await runNow(page, "poll");
      await runNow(page, "monitoring");
      await page.reload();

      for (const resource of ["sales", "customers"]) {
        expect(await text(page, `freshness-${resource}-status`)).toBe("fresh");
        expect(await text(page, `freshness-${resource}-last-success`)).not.toMatch(/day/);
      }
      const openPollStale = (
        await session.api.sync.alerts.query({ status: "OPEN", limit: 100 })
      ).alerts.filter((alert) => alert.kind === "POLL_STALE");
      expect(openPollStale).toEqual([]);
      await page.getByTestId("alert-row").first().waitFor();
      expect(
        await page
          .locator('[data-testid="alert-row"][data-kind="POLL_STALE"][data-status="OPEN"]')
          .count(),
      ).toBe(0);
      // No alert opened "in 10 days": their times are read on the API's clock.
      for (const time of await page.getByTestId("alert-time").allTextContents()) {
        expect(time).not.toMatch(/^in /);
      }

      const health = (await (await fetch(`${session.demo.apiBaseUrl}/health`)).json()) as {
        ingestion: { pollingStale: boolean };
      };
      expect(health.ingestion.pollingStale).toBe(false);
      await page.close();
    },
  );
});
