// Missing orders as a worklist and the operators' CSV exports, in Chromium at a phone's and a
// laptop's width: each missing order shows its customer, total and age, oldest first, with an
// aging chart; the alert states the order's age; every list's CSV holds what the list shows;
// viewers get no download and the export refuses them.
import { readFileSync } from "node:fs";
import type { RouterOutputs } from "@greenloop/app-client";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../src/format/format-money";
import { formatCount } from "../src/format/format-number";
import {
  browserReady,
  eventually,
  locale,
  useBrowserSession,
  viewportNames,
} from "./browser-session";
import { chromiumPath } from "./launch-chromium";
import { csvRecords } from "./read-csv";
import { demoViewerToken } from "./start-demo";
import { uploadStoreExport } from "./upload-store-export";

const DAY_MS = 86_400_000;
/** How long the named buyer's order has been missing once the setup moved the store's clock. */
const MISSING_FOR_DAYS = 40;
const buyer = { firstName: "Wren", lastName: "Worklist", email: "wren.worklist@example.com" };

type MissingOrder = RouterOutputs["sync"]["missing"]["orders"][number];

const session = useBrowserSession();
let orderNumber = "";

/** Every page of the missing-orders list at the alert threshold, as the API answers it. */
async function allMissingOrders(): Promise<MissingOrder[]> {
  const orders: MissingOrder[] = [];
  let cursor: string | undefined;
  do {
    const page = await session.api.sync.missing.query({
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    orders.push(...page.orders);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return orders;
}

/** Clicks a download button and reads the file the browser saved. */
async function downloadCsv(page: Page, testId: string) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).first().click(),
  ]);
  const file = await download.path();
  return { fileName: download.suggestedFilename(), text: readFileSync(file, "utf8") };
}

async function open(page: Page, pathname: string, testId: string) {
  await page.goto(new URL(pathname, session.demo.dashboardUrl).toString());
  await page.getByTestId(testId).waitFor();
}

describe.skipIf(!browserReady)(`worklists and CSV exports in Chromium (${chromiumPath})`, () => {
  // A named buyer's online order that takes 120 days to reach X-Series, imported from the store's
  // export; then the store's clock moves 40 days and the monitoring runs.
  beforeAll(async () => {
    if (!browserReady) return;
    const placed = (await session.demo.simulator("/ecom/orders", {
      body: { ...buyer, delayMs: 120 * DAY_MS },
    })) as { data: { orderNumber: string } };
    orderNumber = placed.data.orderNumber;
    const page = await session.signedInPage();
    await uploadStoreExport(session.demo, page);
    await page.close();

    await session.demo.simulator("/clock/advance", { body: { ms: MISSING_FOR_DAYS * DAY_MS } });
    await session.api.sync.runNow.mutate({ job: "merge" });
    await session.api.sync.runNow.mutate({ job: "monitoring" });
    const mine = (await allMissingOrders()).find((order) => order.ecomOrderNumber === orderNumber);
    expect(mine).toMatchObject({ ageDays: MISSING_FOR_DAYS, customerName: "Wren Worklist" });
  });

  for (const viewport of viewportNames) {
    it(`shows missing orders oldest first with customer, total, age and an aging chart (${viewport})`, async () => {
      const page = await session.signedInPage({ viewport });
      await open(page, "/sync", "missing-orders");
      await eventually(async () => {
        await page.reload();
        await page.getByTestId("missing-order-row").first().waitFor();
        const first = await session.api.sync.missing.query({ limit: 25 });
        const rows = page.getByTestId("missing-order-row");
        expect(await rows.count()).toBe(first.orders.length);
        for (const [index, order] of first.orders.entries()) {
          const row = rows.nth(index);
          expect(await row.getAttribute("data-order-number")).toBe(order.ecomOrderNumber);
          expect((await row.getByTestId("missing-order-total").textContent())?.trim()).toBe(
            formatMoney(order.total, { locale }),
          );
          expect((await row.getByTestId("missing-order-age").textContent())?.trim()).toBe(
            `${formatCount(order.ageDays, locale)} d`,
          );
        }
        // Oldest first.
        const ages = first.orders.map((order) => order.ageDays);
        expect(ages).toEqual([...ages].sort((a, b) => b - a));

        const aging = await session.api.sync.missingAging.query({});
        const bars = page.getByTestId("chart-missing-aging-bar");
        expect(await bars.count()).toBe(aging.buckets.length);
        for (const [index, bucket] of aging.buckets.entries()) {
          expect(await bars.nth(index).getAttribute("data-label")).toBe(bucket.label);
          expect(await bars.nth(index).getAttribute("data-value")).toBe(String(bucket.orders));
        }
        expect(
          aging.buckets.find((bucket) => bucket.label === "31–60 days")?.orders,
        ).toBeGreaterThan(0);
      });

      // The named buyer's order: their name links to their page; the alert says its age.
      const mine = page.locator(
        `[data-testid="missing-order-row"][data-order-number="${orderNumber}"]`,
      );
      await mine.scrollIntoViewIfNeeded();
      const link = mine.getByTestId("missing-order-customer-link");
      expect((await link.textContent())?.trim()).toBe("Wren Worklist");
      expect((await mine.getByTestId("missing-order-age").textContent())?.trim()).toBe(
        `${MISSING_FOR_DAYS} d`,
      );
      const alert = page
        .getByTestId("alert-row")
        .filter({ hasText: `#${orderNumber}` })
        .first();
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`after ${MISSING_FOR_DAYS} days`);
      await link.click();
      await page.getByTestId("page-customer").waitFor();
      expect((await page.getByTestId("customer-name").textContent())?.trim()).toContain(
        "Wren Worklist",
      );
      await page.close();
    });

    it(`downloads the missing orders as a CSV that matches the list (${viewport})`, async () => {
      const page = await session.signedInPage({ viewport });
      await open(page, "/sync", "missing-orders");
      await page.getByTestId("missing-order-row").first().waitFor();
      await eventually(async () => {
        const { fileName, text } = await downloadCsv(page, "missing-export");
        expect(fileName).toMatch(/^missing-orders-\d{4}-\d{2}-\d{2}\.csv$/);
        const records = csvRecords(text);
        const orders = await allMissingOrders();
        expect(records.map((record) => record.ecom_order_number)).toEqual(
          orders.map((order) => order.ecomOrderNumber),
        );
        expect(records.map((record) => record.total)).toEqual(
          orders.map((order) => order.total.toFixed(2)),
        );
        expect(records.map((record) => record.age_days)).toEqual(
          orders.map((order) => String(order.ageDays)),
        );
        expect(records.find((record) => record.ecom_order_number === orderNumber)).toMatchObject({
          customer_name: "Wren Worklist",
          age_days: String(MISSING_FOR_DAYS),
        });
      });
      await page.close();
    });

    it(`downloads the customers list with its filters, a segment, and the top customers (${viewport})`, async () => {
      const page = await session.signedInPage({ viewport });
      await open(page, "/customers", "customers-search");
      await page.getByTestId("customer-row").first().waitFor();
      // The segment filter's first real segment (the options are the analytics' segments).
      const segment = await page
        .getByTestId("customers-segment")
        .locator("option")
        .nth(1)
        .getAttribute("value");
      expect(segment).toBeTruthy();
      await page.getByTestId("customers-segment").selectOption(segment ?? "");
      await page
        .getByTestId("customers-count")
        .filter({ hasText: /Showing/ })
        .waitFor();
      await eventually(async () => {
        const list = await session.api.customers.list.query({
          rfmSegment: segment ?? "",
          sort: "spend",
          direction: "desc",
          limit: 100,
        });
        const { fileName, text } = await downloadCsv(page, "customers-export");
        expect(fileName).toMatch(/^customers-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
        const records = csvRecords(text);
        expect(records).toHaveLength(list.total);
        expect(records.every((record) => record.rfm_segment === segment)).toBe(true);
        expect(records.slice(0, list.items.length).map((record) => record.customer_id)).toEqual(
          list.items.map((item) => item.customerId),
        );
        expect(records[0]?.email).toBe(list.items[0]?.email ?? "");
      });

      await open(page, "/", "segments");
      const segmentRow = page
        .getByTestId("segment-row")
        .filter({ has: page.getByTestId("segment-export") })
        .first();
      await segmentRow.waitFor();
      const named = await segmentRow.getAttribute("data-segment");
      const members = Number(
        ((await segmentRow.getByTestId("segment-customers").textContent()) ?? "").replace(
          /\D/g,
          "",
        ),
      );
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        segmentRow.getByTestId("segment-export").click(),
      ]);
      const segmentRecords = csvRecords(readFileSync(await download.path(), "utf8"));
      expect(segmentRecords).toHaveLength(members);
      expect(segmentRecords.every((record) => record.rfm_segment === named)).toBe(true);

      await page.getByTestId("top-customer-row").first().waitFor();
      const shown = await page
        .getByTestId("top-customer-row")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-customer-id")));
      const top = csvRecords((await downloadCsv(page, "top-customers-export")).text);
      expect(top.map((record) => record.customer_id)).toEqual(shown);
      expect(top.map((record) => record.rank)).toEqual(shown.map((_, index) => String(index + 1)));

      // Rows, or else what the section says instead (empty, an error) as the failure's message.
      await expect
        .poll(
          async () =>
            (await page.getByTestId("at-risk-row").count()) > 0
              ? "rows"
              : await page.getByTestId("at-risk").textContent(),
          { timeout: 60_000 },
        )
        .toBe("rows");
      const risky = await page
        .getByTestId("at-risk-row")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-customer-id")));
      const atRisk = csvRecords((await downloadCsv(page, "at-risk-export")).text);
      expect(atRisk.map((record) => record.customer_id)).toEqual(risky);
      await page.close();
    });

    it(`gives a viewer no download, and the export refuses a viewer's token (${viewport})`, async () => {
      const page = await session.signedInPage({ as: "viewer", viewport });
      await open(page, "/sync", "missing-orders");
      await page.getByTestId("missing-order-row").first().waitFor();
      expect(await page.getByTestId("missing-export").count()).toBe(0);
      await open(page, "/customers", "customers-search");
      await page.getByTestId("customer-row").first().waitFor();
      expect(await page.getByTestId("customers-export").count()).toBe(0);
      await open(page, "/", "segments");
      await page.getByTestId("top-customer-row").first().waitFor();
      await page.getByTestId("segment-row").first().waitFor();
      for (const testId of ["segment-export", "top-customers-export", "at-risk-export"]) {
        expect(await page.getByTestId(testId).count()).toBe(0);
      }
      const refused = await page.evaluate(async (token) => {
        const response = await fetch("/api/exports/customers.csv", {
          headers: { authorization: `Bearer ${token}` },
        });
        return { status: response.status, body: await response.text() };
      }, demoViewerToken);
      expect(refused.status).toBe(403);
      expect(refused.body).not.toContain("@");
      await page.close();
    });
  }
});
