// The sync history in a real browser, at a phone's width and a laptop's: the timeline of runs with
// records and duration, a poll that really failed (the simulated store answering 503) with its
// reason and retryable flag, the demo's start-up eCom import linking to its run page, resync from scratch behind its confirmation, and the webhook inbox
// (each attempt's error, filters, the masked payload, replay by filter with the confirmed count).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatCount } from "../src/format/format-number";
import { formatRunDuration } from "../src/pages/sync/run-duration";
import { browserReady, locale, textOf, useBrowserSession, viewportNames } from "./browser-session";

const session = useBrowserSession();

/** Generous: the demo's client backs off between its retries against a failing store. */
const slow = { timeout: 90_000, interval: 250 };

/** Runs the X-Series poll now; asks again while a scheduled one holds its lock. */
async function runPoll(): Promise<void> {
  await expect
    .poll(async () => (await session.api.sync.runNow.mutate({ job: "poll" })).status, slow)
    .toBe("completed");
}

/** Creates a sale in the simulated store and has the store send its webhook now. */
async function createSale(): Promise<string> {
  const created = (await session.demo.simulator("/sales", { body: {} })) as {
    data: { id: string };
  };
  await session.demo.simulator("/webhooks/deliver", { method: "POST" });
  return created.data.id;
}

async function deliveryFor(objectId: string) {
  const page = await session.api.sync.webhookInbox.query({ objectId });
  return page.deliveries[0];
}

interface Prepared {
  /** The poll.sales run that failed while the store answered 503. */
  failedRunId: string;
  /** A sale whose webhook failed once (503), and one whose webhook went through at once. */
  failedSale: { saleId: string; deliveryId: string };
  okSale: { saleId: string; deliveryId: string };
}

/**
 * Once per file: the store answers 503 to everything while a poll runs and a sale's webhook is
 * processed (both fail for real), then recovers; a poll succeeds and a second sale's webhook is
 * processed at once.
 */
async function prepareHistory(): Promise<Prepared> {
  await session.demo.simulator("/faults/fail", { body: { count: 1_000_000, status: 503 } });
  const failedSaleId = await createSale();
  await runPoll();
  await expect
    .poll(async () => (await deliveryFor(failedSaleId))?.failureCount ?? 0, slow)
    .toBeGreaterThan(0);
  await session.demo.simulator("/faults", { method: "DELETE" });
  await runPoll();
  const okSaleId = await createSale();
  await expect.poll(async () => (await deliveryFor(okSaleId))?.status, slow).toBe("DONE");

  const failed = await session.api.sync.runs.query({ job: "poll.sales", outcome: "FAILED" });
  const failedRun = failed.runs.find((run) => run.error?.includes("503"));
  expect(failedRun).toBeDefined();
  return {
    failedRunId: failedRun?.id ?? "",
    failedSale: {
      saleId: failedSaleId,
      deliveryId: (await deliveryFor(failedSaleId))?.id ?? "",
    },
    okSale: { saleId: okSaleId, deliveryId: (await deliveryFor(okSaleId))?.id ?? "" },
  };
}

let prepared: Promise<Prepared> | undefined;
const prepare = () => {
  prepared ??= prepareHistory();
  return prepared;
};

async function openSyncPage(options: Parameters<typeof session.signedInPage>[0]): Promise<Page> {
  const page = await session.signedInPage(options);
  await page.goto(`${session.demo.dashboardUrl.replace(/\/$/, "")}/sync`);
  await page.getByTestId("page-sync").waitFor();
  return page;
}

const byAttribute = (page: Page, testId: string, name: string, value: string) =>
  page.locator(`[data-testid="${testId}"][${name}="${value}"]`);

/** A date input's value for the store's day a time falls on (the inbox filters store days). */
async function storeDay(date: Date, addDays = 0): Promise<string> {
  const { timeZone } = await session.api.system.storeTime.query();
  // en-CA writes dates as YYYY-MM-DD, a date input's format.
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(
    new Date(date.getTime() + addDays * 86_400_000),
  );
}

describe.skipIf(!browserReady)("the sync history in Chromium", () => {
  for (const viewport of viewportNames) {
    it(`shows runs with records and duration, and a failed poll's reason and retryable flag (${viewport})`, async () => {
      const { failedRunId } = await prepare();
      // Read before the page, so the page's list has it (a scheduled poll runs every minute).
      const [ok] = (
        await session.api.sync.runs.query({ job: "poll.sales", outcome: "SUCCEEDED", limit: 1 })
      ).runs;
      if (!ok) throw new Error("no successful poll of sales");
      const page = await openSyncPage({ viewport });
      await page.getByTestId("history-job").selectOption("poll");
      const okRow = byAttribute(page, "history-run-row", "data-run-id", ok.id);
      await okRow.waitFor();
      expect(await okRow.getAttribute("data-job")).toBe("poll.sales");
      expect(await okRow.getByTestId("history-run-records").textContent()).toContain(
        formatCount(ok.records, locale),
      );
      expect((await okRow.getByTestId("history-run-duration").textContent())?.trim()).toBe(
        formatRunDuration(ok.durationMs, locale),
      );

      await page.getByTestId("history-outcome").selectOption("FAILED");
      const failedRow = byAttribute(page, "history-run-row", "data-run-id", failedRunId);
      await failedRow.waitFor();
      await okRow.waitFor({ state: "detached" });
      expect(await failedRow.getAttribute("data-status")).toBe("FAILED");
      expect(await failedRow.getByTestId("history-run-error").textContent()).toMatch(
        /UNAVAILABLE: .*503/,
      );
      const retryable = failedRow.getByTestId("history-run-retryable");
      expect(await retryable.getAttribute("data-retryable")).toBe("true");
      expect(await retryable.textContent()).toContain("retryable");
      await page.close();
    });

    it(`shows the demo's start-up eCom import in the timeline and links to its run page (${viewport})`, async () => {
      // The demo imports an eCom export at start-up: it is a run of job "import".
      const [imported] = (await session.api.sync.runs.query({ job: "import", limit: 1 })).runs;
      if (!imported) throw new Error("the demo's start-up import is not in the sync history");
      expect(imported).toMatchObject({ kind: "import", status: "SUCCEEDED" });
      const page = await openSyncPage({ viewport });
      await page.getByTestId("history-job").selectOption("import");
      // The unfiltered rows stay on screen, dimmed and busy, until the filtered ones arrive.
      await page.locator('[data-testid="history-table"][aria-busy="false"]').waitFor();
      const row = byAttribute(page, "history-run-row", "data-run-id", imported.id);
      await row.waitFor();
      expect(await row.getAttribute("data-job")).toBe("import");
      expect(await row.getByTestId("history-run-file").textContent()).toBe(imported.fileName);
      expect(await row.getByTestId("history-run-records").textContent()).toContain(
        formatCount(imported.records, locale),
      );
      expect(await row.getByTestId("history-run-orders-created").textContent()).toBe(
        `${formatCount(imported.ordersCreated ?? 0, locale)} orders created`,
      );
      expect((await row.getByTestId("history-run-duration").textContent())?.trim()).toBe(
        formatRunDuration(imported.durationMs, locale),
      );
      // Only imports under this filter: no poll row (once the filtered rows have replaced the
      // unfiltered ones).
      await expect
        .poll(() => byAttribute(page, "history-run-row", "data-job", "poll.sales").count())
        .toBe(0);

      await row.getByTestId("history-run-import-link").click();
      await page.getByTestId("import-run").waitFor();
      expect(new URL(page.url()).pathname).toBe(`/imports/${imported.id}`);
      expect(await textOf(page, "import-file-name")).toBe(imported.fileName);
      await page.close();
    });

    it(`resets the sales cursor after a confirmation; the next poll re-reads every sale (${viewport})`, async () => {
      await prepare();
      const page = await openSyncPage({ viewport });
      const customersBefore = (await session.api.sync.status.query()).polling.customers.cursor;
      // The catalog's lists can be chosen too; only sales and customers are at first.
      for (const [resource, checked] of [
        ["sales", true],
        ["customers", true],
        ["products", false],
        ["brands", false],
        ["productCategories", false],
      ] as const) {
        expect(await page.getByTestId(`resync-${resource}`).isChecked()).toBe(checked);
      }
      await page.getByTestId("resync-customers").uncheck();
      await page.getByTestId("resync-submit").click();
      const question = await textOf(page, "resync-submit-confirm-box");
      expect(question).toContain("Reset the sales cursor to version 0");
      expect(question).toContain("never duplicated");
      await page.getByTestId("resync-submit-confirm").click();
      expect(await textOf(page, "resync-result")).toMatch(
        /^Reset sales \(was at version [\d,]+\): the next poll re-reads from version 0\.$/,
      );

      const [resync] = (await session.api.sync.runs.query({ job: "resync", limit: 1 })).runs;
      if (!resync) throw new Error("the resync was not recorded");
      expect(resync.requestedBy).toBeTruthy();
      const row = byAttribute(page, "history-run-row", "data-run-id", resync.id);
      expect(await row.getByTestId("history-run-requested-by").textContent()).toContain(
        resync.requestedBy ?? "",
      );
      // Only sales were reset: the customers' cursor stays where it was (or moved on).
      expect(
        (await session.api.sync.status.query()).polling.customers.cursor ?? 0,
      ).toBeGreaterThanOrEqual(customersBefore ?? 0);

      // The first poll after the reset (this one, or a scheduled one just before it) re-reads
      // every sale: at least as many as the demo's first poll read from an empty mirror.
      await runPoll();
      const sales = (
        await session.api.sync.runs.query({ job: "poll.sales", outcome: "SUCCEEDED", limit: 100 })
      ).runs;
      const catchUp = sales.at(-1);
      const [firstAfter] = sales
        .filter((run) => run.startedAt.getTime() >= resync.startedAt.getTime())
        .reverse();
      expect(catchUp?.records).toBeGreaterThan(0);
      expect(firstAfter?.records).toBeGreaterThanOrEqual(
        catchUp?.records ?? Number.POSITIVE_INFINITY,
      );
      await page.close();
    });

    it(`filters the webhook inbox, shows each attempt's error and a masked payload, and replays by filter (${viewport})`, async () => {
      const { failedSale, okSale } = await prepare();
      // A replay by the previous width's test puts it back in the queue: wait until it is done.
      await expect.poll(async () => (await deliveryFor(okSale.saleId))?.status, slow).toBe("DONE");
      const page = await openSyncPage({ viewport });

      await page.getByTestId("inbox-object").fill(failedSale.saleId);
      const failedRow = byAttribute(page, "inbox-row", "data-delivery-id", failedSale.deliveryId);
      await failedRow.waitFor();
      expect(await failedRow.getByTestId("inbox-attempt-error").first().textContent()).toMatch(
        /^UNAVAILABLE: .*503/,
      );
      expect(
        await failedRow
          .getByTestId("inbox-attempt-retryable")
          .first()
          .getAttribute("data-retryable"),
      ).toBe("true");

      // Error text: the failed delivery matches, the one that went through does not.
      await page.getByTestId("inbox-error").fill("503");
      await page.getByTestId("inbox-object").fill(okSale.saleId);
      await page.getByTestId("inbox-empty").waitFor();
      await page.getByTestId("inbox-error").fill("");
      const okRow = byAttribute(page, "inbox-row", "data-delivery-id", okSale.deliveryId);
      await okRow.waitFor();

      // Type and days received.
      const delivery = await deliveryFor(okSale.saleId);
      if (!delivery) throw new Error("the sale's delivery is gone");
      await page.getByTestId("inbox-type").selectOption(delivery.type);
      await page.getByTestId("inbox-to").fill(await storeDay(delivery.receivedAt, -1));
      await page.getByTestId("inbox-empty").waitFor();
      await page.getByTestId("inbox-to").fill(await storeDay(delivery.receivedAt));
      await page.getByTestId("inbox-from").fill(await storeDay(delivery.receivedAt));
      await okRow.waitFor();
      await page.locator('[data-testid="inbox-table"][aria-busy="false"]').waitFor();
      expect(await textOf(page, "inbox-total")).toBe("1");

      await okRow.getByTestId("inbox-payload-toggle").click();
      const payload = await textOf(page, "inbox-payload");
      expect(payload).toContain(okSale.saleId);
      expect(payload).not.toMatch(/[^\s"]+@[^\s"]+\.[a-z]{2,}/i);

      await page.getByTestId("inbox-replay").click();
      const count = page.getByTestId("inbox-replay-count");
      await count.waitFor();
      expect(await count.getAttribute("data-count")).toBe("1");
      await page.getByTestId("inbox-replay-confirm").click();
      expect(await textOf(page, "inbox-replay-result")).toBe("Replayed 1.");
      // The worker takes it again and settles it anew.
      const before = delivery.processedAt?.getTime() ?? 0;
      await expect
        .poll(async () => (await deliveryFor(okSale.saleId))?.processedAt?.getTime() ?? 0, slow)
        .toBeGreaterThan(before);
      await page.close();
    });

    it(`shows a viewer the history and the inbox without resync or replay (${viewport})`, async () => {
      await prepare();
      const page = await openSyncPage({ as: "viewer", viewport });
      await page.getByTestId("history-run-row").first().waitFor();
      await page.getByTestId("inbox-row").first().waitFor();
      expect(await page.getByTestId("action-resync").count()).toBe(0);
      expect(await page.getByTestId("inbox-replay").count()).toBe(0);
      await page.close();
    });
  }
});
