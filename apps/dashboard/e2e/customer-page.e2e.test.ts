// Issue 21's trust fixes in a real browser, at a phone's and a laptop's width: ids that name
// nothing get a "No such …" page (never the API's raw refusal), a customer's facts say what they
// mean (first order vs first seen, a legend of the labels, nothing made up for a customer without
// orders), and cached data shown while the backend is unreachable says so. Issue 22: the customer's
// marketing consent (source and time) and each segment's reachable-by-email count.
import type { Page, Request } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "../src/format/format-date";
import { formatMoney } from "../src/format/format-money";
import { formatCount, formatDecimal, formatShare } from "../src/format/format-number";
import { favouriteSharesText } from "../src/pages/customers/favourite-shares";
import {
  browserReady,
  eventually,
  locale,
  textOf as text,
  useBrowserSession,
  type ViewportName,
  viewportNames,
  viewports,
} from "./browser-session";
import { openNavPage } from "./open-nav-page";

const session = useBrowserSession();

/** Well-formed, and no customer or import run has it. */
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

function urlOf(pathname: string): string {
  return new URL(pathname, session.demo.dashboardUrl).href;
}

/** What tRPC's validation error would put on screen if it leaked: its JSON and the uuid regex. */
const RAW_ERROR = /invalid_format|"path"|\[\s*\{|0-9a-fA-F/;

async function expectNotFound(page: Page, title: string): Promise<void> {
  await page.getByTestId("not-found").waitFor();
  expect(await text(page, "not-found-title")).toBe(title);
  expect(await page.getByTestId("error").count()).toBe(0);
  expect(await page.locator("main").textContent()).not.toMatch(RAW_ERROR);
}

/** The element fits the viewport's width: nothing to scroll sideways for on a phone. */
async function expectWithinWidth(page: Page, testId: string, viewport: ViewportName) {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box).not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewports[viewport].width);
}

describe.skipIf(!browserReady)("the customer page, not-found pages and the offline banner", () => {
  beforeAll(async () => {
    // Every customer's figures computed, whatever the demo's schedule has done so far.
    const outcome = await session.api.sync.runNow.mutate({ job: "analytics" });
    expect(outcome.status).toBe("completed");
  });

  describe.each(viewportNames)("at %s width", (viewport) => {
    it("answers a malformed or unknown customer id with 'No such customer' and a way back", async () => {
      const page = await session.signedInPage({ viewport });
      for (const id of ["does-not-exist", UNKNOWN_ID]) {
        await page.goto(urlOf(`/customers/${id}`));
        await expectNotFound(page, "No such customer");
        expect(await page.getByTestId("not-found").textContent()).toContain(id);
        await expectWithinWidth(page, "not-found", viewport);
      }
      await page.getByTestId("not-found-back").click();
      await page.getByTestId("page-customers").waitFor();
      await page.close();
    });

    it("answers a malformed or unknown import run id with 'No such import run' and a way back", async () => {
      const page = await session.signedInPage({ viewport });
      for (const id of ["not-a-run", UNKNOWN_ID]) {
        await page.goto(urlOf(`/imports/${id}`));
        await expectNotFound(page, "No such import run");
        await expectWithinWidth(page, "not-found", viewport);
      }
      await page.getByTestId("not-found-back").click();
      await page.getByTestId("page-imports").waitFor();
      expect(await page.getByTestId("not-found").count()).toBe(0);
      await page.close();
    });

    it("shows the top spender's first order and first seen apart, and a legend of the labels", async () => {
      const top = await session.api.customers.list.query({ sort: "spend", limit: 1 });
      const customerId = top.items[0]?.customerId ?? "";
      const profile = await session.api.customers.byId.query({ customerId });
      const definitions = await session.api.analytics.definitions.query();
      const { timeZone } = await session.api.system.storeTime.query();
      // The demo's store has a year of history the system only saw when it started.
      expect(profile.firstOrderAt).not.toBeNull();
      expect(profile.firstOrderAt?.getTime()).toBeLessThan(profile.firstSeenAt.getTime());

      const page = await session.signedInPage({ viewport });
      await page.goto(urlOf(`/customers/${customerId}`));
      expect(await text(page, "customer-first-order")).toBe(
        formatDate(profile.firstOrderAt, { timeZone, locale }),
      );
      expect(await text(page, "customer-first-seen")).toBe(
        formatDate(profile.firstSeenAt, { timeZone, locale }),
      );

      // Closed until asked for: the definitions are long on a phone.
      expect(await page.getByTestId("legend-tier").isVisible()).toBe(false);
      await page.getByTestId("customer-legend-toggle").click();
      const tier = await text(page, "legend-tier");
      expect(tier).toContain(`last ${definitions.rollingWindowDays} days`);
      for (const { name, minRollingSpend } of definitions.tiers) {
        expect(tier).toContain(`${name} from ${formatMoney(minRollingSpend, { locale })}`);
      }
      expect(await text(page, "legend-vip")).toContain(
        `Lifetime net spend of ${formatMoney(definitions.vip.minLifetimeValue, { locale })}`,
      );
      expect(await text(page, "legend-rfm")).toContain("against all of the store's customers");
      expect(await text(page, "legend-inactivity")).toContain(
        `Inactive ${definitions.inactivityFromDays["30d"]}+ days`,
      );
      expect(await text(page, "legend-p-alive")).toContain("has not stopped buying");
      expect(await text(page, "legend-churn")).toContain("1 − P(alive)");
      await expectWithinWidth(page, "customer-legend", viewport);
      await page.close();
    });

    it("shows a repeat customer's predictions: next order in the store's zone, churn band, 365 days", async () => {
      // The demo passes the gates (its customer gate lowered to 300: see demo.ts).
      expect((await session.api.analytics.predictionGates.query())?.eligible).toBe(true);
      const { timeZone } = await session.api.system.storeTime.query();
      const top = await session.api.customers.list.query({ sort: "spend", limit: 20 });
      let shown: Awaited<ReturnType<typeof session.api.customers.byId.query>> | undefined;
      for (const { customerId } of top.items) {
        const profile = await session.api.customers.byId.query({ customerId });
        if (profile.predictions?.withheldReason === null) {
          shown = profile;
          break;
        }
      }
      const predictions = shown?.predictions;
      if (!shown || !predictions) throw new Error("no top customer with predictions shown");
      expect(predictions.nextOrderAt?.getTime()).toBeGreaterThan(Date.now() - 86_400_000);

      const page = await session.signedInPage({ viewport });
      await page.goto(urlOf(`/customers/${shown.customerId}`));
      await page.getByTestId("customer-predictions").waitFor();
      expect(await text(page, "prediction-next-order")).toBe(
        formatDate(predictions.nextOrderAt, { timeZone, locale }),
      );
      const band = predictions.churnBand ?? "";
      expect(await text(page, "prediction-churn")).toBe(
        `${band.charAt(0).toUpperCase()}${band.slice(1)} (${formatShare(predictions.churnProbability, { digits: 0, locale })})`,
      );
      expect(await text(page, "prediction-orders-365")).toBe(
        formatDecimal(predictions.predictedOrders365d, { digits: 1, locale }),
      );
      expect(await text(page, "prediction-spend-365")).toBe(
        formatMoney(predictions.predictedSpend365d, { locale }),
      );
      expect(await page.getByTestId("prediction-withheld").count()).toBe(0);
      await page.getByTestId("customer-legend-toggle").click();
      expect(await text(page, "legend-next-order")).toContain("as likely as not");
      await expectWithinWidth(page, "customer-predictions", viewport);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewports[viewport].width,
      );
      await page.close();
    });

    it("says in words why a one-order customer's next order date and churn are withheld", async () => {
      const cheapest = await session.api.customers.list.query({
        sort: "spend",
        direction: "asc",
        limit: 50,
      });
      let single: Awaited<ReturnType<typeof session.api.customers.byId.query>> | undefined;
      // One counted order is one purchase day: BG/NBD's `single_order`.
      for (const { customerId } of cheapest.items.filter((item) => item.orderCount === 1)) {
        const profile = await session.api.customers.byId.query({ customerId });
        if (profile.predictions?.withheldReason?.code === "single_order") {
          single = profile;
          break;
        }
      }
      const predictions = single?.predictions;
      if (!single || !predictions?.withheldReason) throw new Error("no one-order customer found");

      const page = await session.signedInPage({ viewport });
      await page.goto(urlOf(`/customers/${single.customerId}`));
      expect(await text(page, "prediction-withheld")).toBe(predictions.withheldReason.message);
      expect(await text(page, "prediction-withheld")).toContain("repeat order");
      expect(await text(page, "prediction-next-order")).toBe("—");
      expect(await text(page, "prediction-churn")).toBe("—");
      expect(await text(page, "prediction-spend-365")).toBe(
        formatMoney(predictions.predictedSpend365d, { locale }),
      );
      await expectWithinWidth(page, "customer-predictions", viewport);
      await page.close();
    });

    it("shows the top spender's favourite categories and brands with the API's shares", async () => {
      const top = await session.api.customers.list.query({ sort: "spend", limit: 1 });
      const customerId = top.items[0]?.customerId ?? "";
      const { metrics } = await session.api.customers.byId.query({ customerId });
      expect(metrics).not.toBeNull();
      const page = await session.signedInPage({ viewport });
      await page.goto(urlOf(`/customers/${customerId}`));
      // The demo mirrors the simulated store's catalog: its top spender has favourites.
      expect(metrics?.categoryShares.length).toBeGreaterThan(0);
      expect(metrics?.brandShares.length).toBeGreaterThan(0);
      expect(await text(page, "customer-favourite-categories")).toBe(
        favouriteSharesText(metrics?.categoryShares ?? []),
      );
      expect(await text(page, "customer-favourite-brands")).toBe(
        favouriteSharesText(metrics?.brandShares ?? []),
      );
      await expectWithinWidth(page, "customer-favourite-categories", viewport);
      await page.close();
    });

    it("shows a customer's email consent with its source and time in the store's zone", async () => {
      const { timeZone } = await session.api.system.storeTime.query();
      for (const status of ["denied", "granted"] as const) {
        const { customerId, consent } = await findCustomerWithEmailConsent(status);
        const page = await session.signedInPage({ viewport });
        await page.goto(urlOf(`/customers/${customerId}`));
        await page.getByTestId("customer-consent").waitFor();
        expect(await page.getByTestId("consent-email").getAttribute("data-status")).toBe(status);
        expect(await text(page, "consent-email-status")).toBe(status);
        const observed = page.getByTestId("consent-email-observed");
        expect(await observed.getAttribute("datetime")).toBe(consent.observedAt?.toISOString());
        expect(await text(page, "consent-email-observed")).toBe(
          formatDateTime(consent.observedAt, { timeZone, locale }),
        );
        expect(await text(page, "consent-email-source")).toContain(
          consent.source?.startsWith("ecom:")
            ? `online order ${consent.source.slice("ecom:".length)}`
            : "X-Series customer record",
        );
        await expectWithinWidth(page, "customer-consent", viewport);
        await page.close();
      }
    });

    it("shows on the Overview how many customers of each segment may be emailed", async () => {
      const page = await session.signedInPage({ viewport });
      await openNavPage(page, "overview");
      await page.getByTestId("segments-total-reachable").waitFor();
      // Read again until the screen and the API agree (an analytics run may land in between).
      await eventually(async () => {
        const sizes = await session.api.analytics.segments.query({ by: "rfmSegment" });
        expect(sizes.reachableByEmail).toBeGreaterThan(0);
        expect(sizes.reachableByEmail).toBeLessThan(sizes.customerCount);
        expect(await text(page, "segments-total-reachable")).toBe(
          formatCount(sizes.reachableByEmail, locale),
        );
        for (const segment of sizes.segments) {
          const cell = page.locator(
            `[data-testid="segment-row"][data-segment="${segment.segment}"] [data-testid="segment-reachable"]`,
          );
          expect((await cell.textContent())?.trim()).toBe(
            formatCount(segment.reachableByEmail, locale),
          );
        }
      });
      await expectWithinWidth(page, "segments", viewport);
      await page.close();
    });

    it("shows a customer without orders no average order value and no tier progress", async () => {
      const customerId = await findCustomerWithoutOrders();
      const profile = await session.api.customers.byId.query({ customerId });
      expect(profile.summary).toMatchObject({
        orderCount: 0,
        averageOrderValue: null,
        nextTier: null,
      });

      const page = await session.signedInPage({ viewport });
      await page.goto(urlOf(`/customers/${customerId}`));
      expect(await text(page, "customer-order-count")).toBe("0");
      expect(await text(page, "customer-aov")).toBe("—");
      expect(await text(page, "customer-tier")).toBe("—");
      expect(await text(page, "customer-next-tier")).toBe("—");
      expect(await text(page, "customer-first-order")).toBe("—");
      const summary = await page.getByTestId("customer-summary").textContent();
      expect(summary).not.toContain("to go");
      await page.close();
    });

    it("says when the backend is unreachable while cached data is shown, and stops when it answers", async () => {
      const opened = Date.now();
      const page = await session.signedInPage({ viewport });
      const apiInFlight = new Set<Request>();
      page.on("request", (request) => {
        if (new URL(request.url()).pathname.startsWith("/api/")) apiInFlight.add(request);
      });
      page.on("requestfinished", (request) => apiInFlight.delete(request));
      page.on("requestfailed", (request) => apiInFlight.delete(request));
      await openNavPage(page, "sync");
      await page.getByTestId("freshness-sales-status").waitFor();
      expect(await page.getByTestId("offline-banner").count()).toBe(0);

      await page.route("**/api/**", (route) => route.abort());
      // A request sent before the cut still gets its answer, and an answer rightly clears the
      // banner: let those land first, so the banner shown below stays shown.
      await expect.poll(() => apiInFlight.size, { timeout: 30_000 }).toBe(0);
      await page.getByTestId("sync-refresh").click();
      await page.getByTestId("offline-banner").waitFor();
      const banner = await text(page, "offline-banner");
      expect(banner).toMatch(/^Backend unreachable — showing data from .*\d{1,2}:\d{2}/);
      const bannerShown = Date.now();
      const since = await page.getByTestId("offline-banner-since").getAttribute("datetime");
      // The data on screen arrived while the page was open and before the banner said it was
      // stale (not "before the route was cut": the page's own polling may have answered a request
      // already on its way), and it is still on screen.
      const sinceMs = new Date(since ?? "").getTime();
      expect(sinceMs).toBeGreaterThanOrEqual(opened);
      expect(sinceMs).toBeLessThanOrEqual(bannerShown);
      expect(await page.getByTestId("freshness-sales-status").isVisible()).toBe(true);
      await expectWithinWidth(page, "offline-banner", viewport);

      await page.unroute("**/api/**");
      await page.getByTestId("offline-banner-retry").click();
      await page.getByTestId("offline-banner").waitFor({ state: "detached" });
      await page.close();
    });
  });
});

/** The biggest spender whose email consent has this status, as the API says it. */
async function findCustomerWithEmailConsent(status: "granted" | "denied") {
  let cursor: string | undefined;
  for (;;) {
    const page = await session.api.customers.list.query({
      sort: "spend",
      limit: 50,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      const profile = await session.api.customers.byId.query({ customerId: item.customerId });
      if (profile.consent.email.status === status) {
        return { customerId: item.customerId, consent: profile.consent.email };
      }
    }
    if (!page.nextCursor)
      throw new Error(`the demo's store has no customer with consent ${status}`);
    cursor = page.nextCursor;
  }
}

/** A customer the demo's store has but who never bought (their only sales, if any, void). */
async function findCustomerWithoutOrders(): Promise<string> {
  let cursor: string | undefined;
  for (;;) {
    const page = await session.api.customers.list.query({
      sort: "spend",
      direction: "asc",
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    const found = page.items.find((item) => item.orderCount === 0);
    if (found) return found.customerId;
    if (!page.nextCursor) throw new Error("the demo's store has no customer without orders");
    cursor = page.nextCursor;
  }
}
