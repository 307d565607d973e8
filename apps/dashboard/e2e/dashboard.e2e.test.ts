// The product in a real browser: Debian's Chromium (playwright-core) against the running demo
// stack (`pnpm cli demo`: simulated store, backend on a fresh database, the built dashboard).
import { describe, expect, it } from "vitest";
import { rangeStart } from "../src/dates/range-start";
import { formatMoney } from "../src/format/format-money";
import { formatCount } from "../src/format/format-number";
import {
  browserReady,
  eventually,
  locale,
  textOf as text,
  useBrowserSession,
} from "./browser-session";
import { chromiumPath } from "./launch-chromium";
import { uploadStoreExport } from "./upload-store-export";

const MISSING_ORDER_ALERT_DAYS = 3; // as startDemo configures it
const DAY_MS = 86_400_000;

const session = useBrowserSession();
const signedInPage = (as: "operator" | "viewer" = "operator") => session.signedInPage({ as });

describe.skipIf(!browserReady)(`the dashboard in Chromium (${chromiumPath})`, () => {
  it("refuses a wrong token, then signs in and shows the summary numbers the API returns", async () => {
    const page = await session.browser.newPage({ locale, timezoneId: "UTC" });
    await page.goto(session.demo.dashboardUrl);
    await page.getByTestId("sign-in-token").fill("not-the-token-not-the-token-000");
    await page.getByTestId("sign-in-submit").click();
    await page.getByTestId("sign-in-error").waitFor();
    await page.close();

    const signedIn = await signedInPage();
    await eventually(async () => {
      await signedIn.reload();
      const { timeZone, now } = await session.api.system.storeTime.query();
      const summary = await session.api.analytics.summary.query({
        period: "month",
        from: rangeStart(now, "month", 12, timeZone),
      });
      expect(summary.orderCount).toBeGreaterThan(100);
      expect(await text(signedIn, "summary-totalSpend")).toBe(
        formatMoney(summary.totalSpend, { locale }),
      );
      expect(await text(signedIn, "summary-orderCount")).toBe(
        formatCount(summary.orderCount, locale),
      );
      expect(await text(signedIn, "summary-customerCount")).toBe(
        formatCount(summary.customerCount, locale),
      );
      expect(await text(signedIn, "summary-averageOrderValue")).toBe(
        formatMoney(summary.averageOrderValue, { locale }),
      );
    });
    await signedIn.close();
  });

  it("opens a customer: their lifetime value and orders across channels", async () => {
    const page = await signedInPage();
    await page.getByTestId("nav-customers").click();
    const row = page.getByTestId("customer-row").first();
    await row.waitFor();
    const customerId = await row.getAttribute("data-customer-id");
    expect(customerId).toBeTruthy();
    await row.getByTestId("customer-row-link").click();
    await page.getByTestId("page-customer").waitFor();

    const profile = await session.api.customers.byId.query({ customerId: customerId ?? "" });
    await page.getByTestId("order-row").first().waitFor();
    expect(await page.getByTestId("order-row").count()).toBeGreaterThan(0);
    const ltv = await text(page, "customer-ltv");
    expect(ltv).toBe(formatMoney(profile.summary.lifetimeValue, { locale }));
    await page.getByTestId("merge-explanation").waitFor();
    await page.close();
  });

  it("imports the store's eCom export and shows the result; the order goes missing after N days and an alert appears", async () => {
    // A new online order that will take 60 days to reach X-Series.
    const placed = (await session.demo.simulator("/ecom/orders", {
      body: { delayMs: 60 * DAY_MS },
    })) as { data: { orderNumber: string } };
    const orderNumber = placed.data.orderNumber;
    const page = await signedInPage();
    await uploadStoreExport(session.demo, page);
    // Everything else was imported at start-up: the one new order is created, nothing rejected.
    expect(await text(page, "import-ordersCreated")).toBe("1");
    expect(await text(page, "import-rowsRejected")).toBe("0");

    // The store's clock passes MISSING_ORDER_ALERT_DAYS with the order still not in X-Series.
    await session.demo.simulator("/clock/advance", {
      body: { ms: (MISSING_ORDER_ALERT_DAYS + 1) * DAY_MS },
    });
    await page.getByTestId("nav-sync").click();
    await page.getByTestId("run-now-monitoring").click();
    await page.getByTestId("run-now-monitoring-result").waitFor();
    await page
      .getByTestId("alert-row")
      .filter({ hasText: orderNumber })
      .first()
      .waitFor({ timeout: 30_000 });
    const alerts = await session.api.sync.alerts.query({ status: "OPEN", limit: 100 });
    expect(alerts.alerts.some((alert) => alert.message.includes(orderNumber))).toBe(true);
    await page.close();
  });

  it("shows a viewer the numbers but none of the operator's controls", async () => {
    const page = await signedInPage("viewer");
    await page.getByTestId("summary-totalSpend").waitFor();
    await page.getByTestId("nav-imports").click();
    await page.getByTestId("upload-needs-operator").waitFor();
    expect(await page.getByTestId("upload-submit").count()).toBe(0);
    await page.getByTestId("nav-sync").click();
    await page.getByTestId("job-row").first().waitFor();
    expect(await page.getByTestId("run-now-poll").count()).toBe(0);
    expect(await page.getByTestId("alert-acknowledge").count()).toBe(0);
    await page.close();
  });
});
