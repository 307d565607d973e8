// The charts at a phone's and a laptop's width: drawn at their panel's width (not a 640 px
// drawing scaled down), so axis text is at least 11 px on screen, no two x labels overlap, the
// chart stays inside its panel, and a tap anywhere in a bar's column reads its value out.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rangeStart } from "../src/dates/range-start";
import { formatDate } from "../src/format/format-date";
import { formatMoney } from "../src/format/format-money";
import { formatCount, formatDecimal } from "../src/format/format-number";
import {
  browserReady,
  eventually,
  locale,
  textOf,
  useBrowserSession,
  viewportNames,
  viewports,
} from "./browser-session";
import { chromiumPath } from "./launch-chromium";
import { openNavPage } from "./open-nav-page";
import { uploadStoreExport } from "./upload-store-export";

const DAY_MS = 86_400_000;
const MIN_FONT_PX = 11;

const session = useBrowserSession();

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface ChartGeometry {
  /** Each text's font size as drawn on screen (its CSS size times the SVG's scale). */
  fontSizes: { text: string; px: number }[];
  /** The x labels' boxes, left to right. */
  xLabels: (Box & { text: string })[];
  svg: Box;
  panel: Box;
  /** Texts whose box leaves the panel. */
  textsOutside: string[];
  viewportWidth: number;
}

function measureChart(page: Page, testId: string): Promise<ChartGeometry> {
  return page.evaluate((id) => {
    const svg = document.querySelector<SVGSVGElement>(`svg[data-testid="${id}"]`);
    const panel = svg?.closest(".card");
    if (!svg || !panel) throw new Error(`${id}: no chart in a panel`);
    const box = (element: Element) => {
      const { left, right, top, bottom } = element.getBoundingClientRect();
      return { left, right, top, bottom };
    };
    const panelBox = box(panel);
    const scale = svg.getScreenCTM()?.a ?? 1;
    const texts = Array.from(svg.querySelectorAll("text"));
    return {
      fontSizes: texts.map((text) => ({
        text: text.textContent ?? "",
        px: Number.parseFloat(getComputedStyle(text).fontSize) * scale,
      })),
      xLabels: Array.from(svg.querySelectorAll("text.chart-label"))
        .map((text) => ({ text: text.textContent ?? "", ...box(text) }))
        .sort((a, b) => a.left - b.left),
      svg: box(svg),
      panel: panelBox,
      textsOutside: texts
        .filter((text) => {
          const { left, right } = box(text);
          return left < panelBox.left - 0.5 || right > panelBox.right + 0.5;
        })
        .map((text) => text.textContent ?? ""),
      viewportWidth: window.innerWidth,
    };
  }, testId);
}

/** Readable text, x labels apart, everything inside the panel and the screen. */
async function expectLegible(page: Page, testId: string): Promise<ChartGeometry> {
  const chart = page.getByTestId(testId);
  await chart.waitFor();
  await chart.scrollIntoViewIfNeeded();
  const geometry = await measureChart(page, testId);
  expect(geometry.fontSizes.length, `${testId} has axis labels`).toBeGreaterThan(1);
  for (const { text, px } of geometry.fontSizes) {
    expect(px, `${testId}: "${text}" is drawn ${px.toFixed(1)} px tall`).toBeGreaterThanOrEqual(
      MIN_FONT_PX,
    );
  }
  expect(geometry.xLabels.length, `${testId} has x labels`).toBeGreaterThan(0);
  for (const [index, label] of geometry.xLabels.entries()) {
    const next = geometry.xLabels[index + 1];
    if (next) {
      expect(
        label.right,
        `${testId}: x labels "${label.text}" and "${next.text}" overlap`,
      ).toBeLessThanOrEqual(next.left);
    }
  }
  expect(geometry.svg.left, `${testId} starts left of its panel`).toBeGreaterThanOrEqual(
    geometry.panel.left,
  );
  expect(geometry.svg.right, `${testId} ends past its panel`).toBeLessThanOrEqual(
    geometry.panel.right + 0.5,
  );
  expect(geometry.textsOutside, `${testId}: labels outside the panel`).toEqual([]);
  expect(geometry.panel.right, `${testId}'s panel ends past the screen`).toBeLessThanOrEqual(
    geometry.viewportWidth,
  );
  return geometry;
}

/** Waits until the page's data is in and nothing is loading any more. */
async function settle(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="loading"]') === null);
}

const lifecycleStates = [
  ["new", "newCustomers"],
  ["returning", "returningCustomers"],
  ["won-back", "wonBackCustomers"],
  ["lapsed", "lapsedCustomers"],
  ["lost", "lostCustomers"],
] as const;
type LifecycleField = (typeof lifecycleStates)[number][1];

/**
 * The lifecycle's table and chart show what analytics.lifecycle answers for the page's range
 * (newest row first; one bar segment per non-zero count). Returns the API's totals.
 */
async function expectLifecycleMatchesApi(
  page: Page,
  period: "week" | "month",
  periods: number,
): Promise<Record<LifecycleField, number>> {
  const totals = Object.fromEntries(lifecycleStates.map(([, field]) => [field, 0])) as Record<
    LifecycleField,
    number
  >;
  // The store keeps syncing while the page loads: compare again until both agree.
  await eventually(async () => {
    const from = await page.getByTestId("lifecycle-view").getAttribute("data-from");
    const api = await session.api.analytics.lifecycle.query({
      period,
      from: new Date(from ?? ""),
    });
    expect(api.periods).toHaveLength(periods);
    const rows = page.getByTestId("lifecycle-row");
    expect(await rows.count()).toBe(periods);
    const expected = [...api.periods].reverse();
    const onScreen = await rows.evaluateAll((elements) =>
      elements.map((row) => ({
        key: row.getAttribute("data-period"),
        toDate: row.getAttribute("data-to-date") === "true",
        cells: Object.fromEntries(
          Array.from(row.querySelectorAll("[data-testid^='lifecycle-']")).map((cell) => [
            cell.getAttribute("data-testid"),
            Number((cell.textContent ?? "").replace(/,/g, "")),
          ]),
        ),
      })),
    );
    expect(onScreen).toEqual(
      expected.map((p) => ({
        key: p.key,
        toDate: p.toDate,
        cells: Object.fromEntries(
          lifecycleStates.map(([id, field]) => [`lifecycle-${id}`, p[field]]),
        ),
      })),
    );
    const segments = await page
      .getByTestId("chart-lifecycle-segment")
      .evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute("data-value"))));
    const values = api.periods.flatMap((p) => lifecycleStates.map(([, field]) => p[field]));
    expect(segments.reduce((a, b) => a + b, 0)).toBe(values.reduce((a, b) => a + b, 0));
    expect(segments).toHaveLength(values.filter((value) => value > 0).length);
    for (const p of api.periods) {
      for (const [, field] of lifecycleStates) totals[field] += p[field];
    }
  });
  return totals;
}

describe.skipIf(!browserReady)(`charts at a phone's and a laptop's width (${chromiumPath})`, () => {
  // The predictions come with the analytics run; a long-delayed online order gives the sync page
  // its delay charts and a missing order for the aging chart.
  beforeAll(async () => {
    if (!browserReady) return;
    await session.demo.simulator("/ecom/orders", {
      body: {
        firstName: "Cleo",
        lastName: "Chart",
        email: "cleo.chart@example.com",
        delayMs: 120 * DAY_MS,
      },
    });
    const page = await session.signedInPage();
    await uploadStoreExport(session.demo, page);
    await page.close();
    await session.demo.simulator("/clock/advance", { body: { ms: 20 * DAY_MS } });
    for (const job of ["merge", "analytics", "monitoring"] as const) {
      // Asked again while a scheduled run of the same job holds its lock.
      await vi.waitFor(
        async () => {
          const outcome = await session.api.sync.runNow.mutate({ job });
          expect(outcome.status, `${job} ran`).toBe("completed");
        },
        { timeout: 90_000, interval: 250 },
      );
    }
  });

  // Before the loop below: nobody has run a holdout test on this demo yet.
  for (const viewport of viewportNames) {
    it(`says on the Overview that no holdout test has run yet (${viewport})`, async () => {
      expect(await session.api.analytics.holdout.query()).toBeNull();
      const page = await session.signedInPage({ viewport });
      await settle(page, "holdout");
      expect(await textOf(page, "holdout-empty")).toBe(
        "No holdout run yet — run pnpm cli analytics holdout",
      );
      await page.close();
    });
  }

  for (const viewport of viewportNames) {
    it(`draws the Overview's charts legibly, also 52 weeks of them (${viewport})`, async () => {
      const page = await session.signedInPage({ viewport });
      await settle(page, "chart-revenue");
      for (const testId of ["chart-revenue", "chart-channel-orders", "chart-customers"]) {
        await expectLegible(page, testId);
      }
      await settle(page, "chart-clv");
      await expectLegible(page, "chart-clv");

      // A year of weeks: the most bars and the longest labels ("Dec 8, 2025") the page draws.
      await page.getByTestId("overview-period").selectOption("week");
      await page.getByTestId("overview-range").selectOption("52");
      await page
        .locator('[data-testid="chart-revenue-bar"]')
        .nth(51)
        .waitFor({ state: "attached" });
      expect(await page.getByTestId("chart-revenue-bar").count()).toBe(52);
      for (const testId of ["chart-revenue", "chart-channel-orders", "chart-customers"]) {
        const { xLabels } = await expectLegible(page, testId);
        // Thinned, but still enough to read the year off.
        expect(xLabels.length).toBeGreaterThanOrEqual(2);
        expect(xLabels.length).toBeLessThan(52);
        expect(xLabels[0]?.text).toBe(
          await page.getByTestId("chart-revenue-bar").first().getAttribute("data-label"),
        );
      }
      await page.close();
    });

    it(`draws the category mix legibly with the API's figures, and the bought-together table (${viewport})`, async () => {
      // The demo mirrors the simulated store's catalog: real categories, bought together.
      const page = await session.signedInPage({ viewport });
      await settle(page, "chart-category-mix");
      await expectLegible(page, "chart-category-mix");
      const { timeZone, now } = await session.api.system.storeTime.query();
      const mix = await session.api.analytics.categoryMix.query({
        period: "month",
        from: rangeStart(now, "month", 12, timeZone),
      });
      expect(mix.categories.length).toBeGreaterThan(1);
      const rows = page.getByTestId("category-row");
      expect(await rows.count()).toBe(mix.categories.length);
      for (const [index, category] of mix.categories.entries()) {
        const row = rows.nth(index);
        expect(await row.getAttribute("data-category")).toBe(category.category);
        expect((await row.getByTestId("category-spend").textContent())?.trim()).toBe(
          formatMoney(category.spend, { locale }),
        );
        expect((await row.getByTestId("category-orders").textContent())?.trim()).toBe(
          formatCount(category.orderCount, locale),
        );
      }
      const affinity = await session.api.analytics.categoryAffinity.query({
        from: rangeStart(now, "month", 12, timeZone),
        limit: 10,
      });
      expect(affinity.pairs.length).toBeGreaterThan(0);
      expect(await page.getByTestId("affinity-row").count()).toBe(affinity.pairs.length);
      await page.getByTestId("category-affinity").scrollIntoViewIfNeeded();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, "the page is no wider than the screen").toBeLessThanOrEqual(
        viewports[viewport].width,
      );
      await page.close();
    });

    it(`shows the latest holdout test: its figures, window and calibration chart (${viewport})`, async () => {
      const run =
        (await session.api.analytics.holdout.query()) ??
        (await session.api.analytics.runHoldout.mutate({ weeks: 13 }));
      expect(run.customers).toBeGreaterThan(10);
      const page = await session.signedInPage({ viewport });
      await settle(page, "chart-holdout");
      const figures = {
        "holdout-customers": formatCount(run.customers, locale),
        "holdout-mae": formatDecimal(run.mae, { locale }),
        "holdout-rmse": formatDecimal(run.rmse, { locale }),
        "holdout-correlation": formatDecimal(run.correlation, { locale }),
        "holdout-predictedTotal": formatDecimal(run.predictedTotal, { locale, digits: 1 }),
        "holdout-actualTotal": formatCount(run.actualTotal, locale),
      };
      for (const [testId, expected] of Object.entries(figures)) {
        expect(await textOf(page, testId), testId).toBe(expected);
      }
      // The window is whole UTC days, the days the analytics count purchases on.
      const utc = (date: Date) => formatDate(date, { timeZone: "UTC", locale });
      const windowText = await textOf(page, "holdout-window");
      expect(windowText).toContain(`${utc(run.calibrationStart)} – ${utc(run.calibrationEnd)}`);
      expect(windowText).toContain(`${utc(run.observationEnd)} (13 weeks)`);
      // Ten deciles, predicted and actual: the two lines of the calibration chart.
      const series = page.getByTestId("chart-holdout-series");
      expect(await series.count()).toBe(2);
      const { xLabels } = await expectLegible(page, "chart-holdout");
      expect(xLabels[0]?.text).toBe("D1");
      const width = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(width.scroll, "the Overview is no wider than the screen").toBeLessThanOrEqual(
        width.inner,
      );
      await page.close();
    });

    it(`draws the customer lifecycle legibly, with the API's numbers, by month and by week (${viewport})`, async () => {
      const page = await session.signedInPage({ viewport });
      await settle(page, "chart-lifecycle");
      await expectLegible(page, "chart-lifecycle");
      const totals = await expectLifecycleMatchesApi(page, "month", 12);
      // Not a vacuous match: the demo's months hold gains and losses.
      expect(totals.returningCustomers, "returning customers").toBeGreaterThan(0);
      expect(totals.newCustomers, "new customers").toBeGreaterThan(0);
      expect(totals.lapsedCustomers + totals.lostCustomers, "lapsed or lost").toBeGreaterThan(0);

      await page.getByTestId("overview-period").selectOption("week");
      await page.getByTestId("overview-range").selectOption("52");
      await page.getByTestId("lifecycle-row").nth(51).waitFor({ state: "attached" });
      const { xLabels } = await expectLegible(page, "chart-lifecycle");
      expect(xLabels.length).toBeGreaterThanOrEqual(2);
      await expectLifecycleMatchesApi(page, "week", 52);
      await page.close();
    });

    it(`draws the Sync health page's charts legibly (${viewport})`, async () => {
      const page = await session.signedInPage({ viewport });
      await page.getByTestId("page-overview").waitFor();
      await openNavPage(page, "sync");
      await settle(page, "chart-missing-aging");
      for (const testId of [
        "chart-delay-distribution",
        "chart-delay-weekly",
        "chart-missing-aging",
      ]) {
        await expectLegible(page, testId);
      }
      await page.close();
    });

    it(`reads a bar's value out when its column is tapped above the bar (${viewport})`, async () => {
      const page = await session.signedInPage({ viewport });
      await page.getByTestId("overview-period").selectOption("week");
      await page.getByTestId("overview-range").selectOption("52");
      const bars = page.getByTestId("chart-revenue-bar");
      await bars.nth(51).waitFor({ state: "attached" });
      const chart = page.getByTestId("chart-revenue");
      await chart.scrollIntoViewIfNeeded();
      const chartBox = await chart.boundingBox();
      const bar = bars.nth(30);
      const barBox = await bar.boundingBox();
      if (!chartBox || !barBox) throw new Error("the chart or its bar is not on screen");
      // Just under the plot's top, over the bar's column: empty space unless it is the tallest.
      await page.mouse.click(barBox.x + barBox.width / 2, chartBox.y + 14);
      const readout = page.getByTestId("chart-revenue-readout");
      await readout.waitFor();
      const title = await bar.locator("title").textContent();
      expect((await readout.textContent())?.trim()).toBe(title);
      expect(title).toContain(await bar.getAttribute("data-label"));
      expect(await bar.getAttribute("class")).toContain("is-selected");

      // Tapping the same column again puts the readout away.
      await page.mouse.click(barBox.x + barBox.width / 2, chartBox.y + 14);
      await readout.waitFor({ state: "detached" });
      await page.close();
    });
  }
});
