// The charts at a phone's and a laptop's width: drawn at their panel's width (not a 640 px
// drawing scaled down), so axis text is at least 11 px on screen, no two x labels overlap, the
// chart stays inside its panel, and a tap anywhere in a bar's column reads its value out.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { rangeStart } from "../src/dates/range-start";
import { formatMoney } from "../src/format/format-money";
import { formatCount } from "../src/format/format-number";
import {
  browserReady,
  locale,
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
      // The demo has no catalog yet (the catalog sync fills it): every line is "Uncategorised",
      // and no two known categories share an order.
      const page = await session.signedInPage({ viewport });
      await settle(page, "chart-category-mix");
      await expectLegible(page, "chart-category-mix");
      const { timeZone, now } = await session.api.system.storeTime.query();
      const mix = await session.api.analytics.categoryMix.query({
        period: "month",
        from: rangeStart(now, "month", 12, timeZone),
      });
      expect(mix.categories.length).toBeGreaterThan(0);
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
      expect(await page.getByTestId("affinity-row").count()).toBe(affinity.pairs.length);
      await page.getByTestId("category-affinity").scrollIntoViewIfNeeded();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, "the page is no wider than the screen").toBeLessThanOrEqual(
        viewports[viewport].width,
      );
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
