// Every page at a phone's and a laptop's width: no page wider than the screen, the nav (behind the
// menu on a phone) reaches every page, the bell and sign-out stay in reach. With SCREENSHOTS=1 it
// also writes docs/screenshots/<page>-<phone|desktop>.png (`pnpm screenshots` at the root).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserReady,
  locale,
  useBrowserSession,
  type ViewportName,
  viewportNames,
  viewports,
} from "./browser-session";
import { chromiumPath } from "./launch-chromium";
import { openNavPage } from "./open-nav-page";

const screenshotsWanted = process.env.SCREENSHOTS === "1";
const screenshotDir = path.resolve(import.meta.dirname, "../../../docs/screenshots");
/** Full-page shots stop here, so a long page (the overview on a phone) stays a modest PNG. */
const MAX_SCREENSHOT_HEIGHT = 2_400;

const session = useBrowserSession();

interface PageWidth {
  scrollWidth: number;
  innerWidth: number;
  /** The outermost elements that stick out to the right, for the failure message. */
  stickingOut: string[];
}

function measureWidth(page: Page): Promise<PageWidth> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const stickingOut: string[] = [];
    for (const element of Array.from(document.body.querySelectorAll("*"))) {
      const parent = element.parentElement;
      const sticksOut = (node: Element) => node.getBoundingClientRect().right > innerWidth + 0.5;
      if (sticksOut(element) && !(parent && parent !== document.body && sticksOut(parent))) {
        const testId = element.getAttribute("data-testid");
        stickingOut.push(
          `${element.tagName.toLowerCase()}${testId ? `[${testId}]` : ""}.${element.className}`,
        );
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth,
      stickingOut: stickingOut.slice(0, 8),
    };
  });
}

/** Fails when the page scrolls sideways, naming what sticks out. */
async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const width = await measureWidth(page);
  expect(
    width.scrollWidth,
    `${name} is ${width.scrollWidth} px wide on a ${width.innerWidth} px screen; sticking out: ${width.stickingOut.join(", ")}`,
  ).toBeLessThanOrEqual(width.innerWidth);
}

/** Waits until the page's own content is there and nothing on it is still loading. */
async function settle(page: Page, readyTestId: string): Promise<void> {
  await page.getByTestId(readyTestId).first().waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="loading"]') === null);
}

/** The page from its top, at most MAX_SCREENSHOT_HEIGHT tall; `screenOnly` for what is on screen. */
async function screenshot(
  page: Page,
  name: string,
  viewport: ViewportName,
  { screenOnly = false }: { screenOnly?: boolean } = {},
): Promise<void> {
  if (!screenshotsWanted) return;
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}-${viewport}.png`);
  if (screenOnly) {
    await page.screenshot({ path: file, animations: "disabled" });
    return;
  }
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: {
      x: 0,
      y: 0,
      width: viewports[viewport].width,
      height: Math.min(height, MAX_SCREENSHOT_HEIGHT),
    },
    animations: "disabled",
  });
}

/** Checks the page's width and, when asked for, photographs it. */
async function checkScreen(
  page: Page,
  name: string,
  viewport: ViewportName,
  readyTestId: string,
): Promise<void> {
  await settle(page, readyTestId);
  await expectNoSidewaysScroll(page, name);
  await screenshot(page, name, viewport);
}

describe.skipIf(!browserReady)(
  `every page at a phone's and a laptop's width (${chromiumPath})`,
  () => {
    for (const viewport of viewportNames) {
      const width = viewports[viewport].width;

      it(`signs in at ${width} px without a page wider than the screen`, async () => {
        const page = await session.browser.newPage({
          locale,
          timezoneId: "UTC",
          viewport: viewports[viewport],
        });
        await page.goto(session.demo.dashboardUrl);
        await checkScreen(page, "sign-in", viewport, "sign-in-form");
        await page.close();
      });

      it(`reaches every page through the nav at ${width} px, none wider than the screen`, async () => {
        const page = await session.signedInPage({ viewport });

        await openNavPage(page, "customers");
        await page.getByTestId("page-customers").waitFor();
        await checkScreen(page, "customers", viewport, "customer-row");

        await page.getByTestId("customer-row-link").first().click();
        await page.getByTestId("page-customer").waitFor();
        await checkScreen(page, "customer", viewport, "order-row");

        await openNavPage(page, "sync");
        await page.getByTestId("page-sync").waitFor();
        await checkScreen(page, "sync", viewport, "job-row");

        await openNavPage(page, "imports");
        await page.getByTestId("page-imports").waitFor();
        await checkScreen(page, "imports", viewport, "import-run-row");

        // The demo imported the store's eCom export at start-up: that run's page.
        await page.getByTestId("import-run-row").first().locator("a").click();
        await page.getByTestId("import-status").waitFor();
        await checkScreen(page, "import-run", viewport, "import-rowsRead");

        await openNavPage(page, "overview");
        await page.getByTestId("page-overview").waitFor();
        await checkScreen(page, "overview", viewport, "chart-revenue");

        await page.goto(new URL("/no/such/page", session.demo.dashboardUrl).href);
        await checkScreen(page, "not-found", viewport, "not-found");
        await page.close();
      });
    }

    it("keeps the nav behind a menu button on a phone, and the menu closes once a page is chosen", async () => {
      const page = await session.signedInPage({ viewport: "phone" });
      const menu = page.getByTestId("nav-menu");
      await page.getByTestId("page-overview").waitFor();
      expect(await menu.getAttribute("aria-expanded")).toBe("false");
      expect(await page.getByTestId("nav-customers").isVisible()).toBe(false);

      await menu.click();
      expect(await menu.getAttribute("aria-expanded")).toBe("true");
      await page.getByTestId("nav-customers").waitFor();
      await expectNoSidewaysScroll(page, "the open menu");
      await screenshot(page, "menu", "phone", { screenOnly: true });

      await page.getByTestId("nav-customers").click();
      await page.getByTestId("page-customers").waitFor();
      await page.getByTestId("nav-customers").waitFor({ state: "hidden" });
      expect(await menu.getAttribute("aria-expanded")).toBe("false");

      // Choosing the page already shown closes it as well.
      await menu.click();
      await page.getByTestId("nav-customers").click();
      await page.getByTestId("nav-customers").waitFor({ state: "hidden" });
      expect(await menu.getAttribute("aria-expanded")).toBe("false");

      // Escape closes it too, without choosing a page.
      await menu.click();
      await page.getByTestId("nav-sync").waitFor();
      await page.keyboard.press("Escape");
      await page.getByTestId("nav-sync").waitFor({ state: "hidden" });
      expect(new URL(page.url()).pathname).toBe("/customers");
      await page.close();
    });

    it("scrolls a wide table inside its panel on a phone, its first column staying in view", async () => {
      const page = await session.signedInPage({ viewport: "phone" });
      await openNavPage(page, "customers");
      const firstName = page.getByTestId("customer-row-link").first();
      await firstName.waitFor();
      const before = await firstName.boundingBox();
      const ltv = page.getByTestId("customer-row-ltv").first();
      const ltvBefore = await ltv.boundingBox();
      expect((ltvBefore?.x ?? 0) + (ltvBefore?.width ?? 0)).toBeGreaterThan(viewports.phone.width);
      const scrolled = await page.getByTestId("customers-table").evaluate((table) => {
        const scroller = table.parentElement as HTMLElement;
        const room = scroller.scrollWidth - scroller.clientWidth;
        scroller.scrollLeft = room;
        return { room, scrollLeft: scroller.scrollLeft };
      });
      expect(scrolled.room, "the customers table is wider than a phone").toBeGreaterThan(0);
      expect(scrolled.scrollLeft).toBe(scrolled.room);
      expect(await firstName.boundingBox()).toEqual(before);
      // The lifetime value, off to the right at first, is on the screen now.
      const ltvAfter = await ltv.boundingBox();
      expect((ltvAfter?.x ?? 0) + (ltvAfter?.width ?? 0)).toBeLessThanOrEqual(
        viewports.phone.width,
      );
      await expectNoSidewaysScroll(page, "the scrolled customers table");
      await page.close();
    });

    it("shows the nav without a menu button on a laptop", async () => {
      const page = await session.signedInPage({ viewport: "desktop" });
      await page.getByTestId("page-overview").waitFor();
      expect(await page.getByTestId("nav-menu").isVisible()).toBe(false);
      for (const navPage of ["overview", "customers", "sync", "imports"]) {
        expect(await page.getByTestId(`nav-${navPage}`).isVisible()).toBe(true);
      }
      await page.close();
    });

    it("fits the whole top bar on a screen just wider than the phone layout's 960 px", async () => {
      const page = await session.signedInPage({ viewport: "desktop" });
      await page.setViewportSize({ width: 961, height: viewports.desktop.height });
      await page.getByTestId("page-overview").waitFor();
      expect(await page.getByTestId("nav-menu").isVisible()).toBe(false);
      for (const testId of ["nav-imports", "notifications-bell", "whoami-role", "sign-out"]) {
        const box = await page.getByTestId(testId).boundingBox();
        expect(
          (box?.x ?? 0) + (box?.width ?? 0),
          `${testId} ends on the screen`,
        ).toBeLessThanOrEqual(961);
      }
      await settle(page, "chart-revenue");
      await expectNoSidewaysScroll(page, "the overview at 961 px");
      await page.close();
    });

    it("keeps the bell and sign-out on a phone's screen and working", async () => {
      const page = await session.signedInPage({ viewport: "phone" });
      await page.getByTestId("page-overview").waitFor();
      const screenWidth = viewports.phone.width;
      for (const testId of ["notifications-bell", "sign-out", "whoami-role", "nav-menu"]) {
        const box = await page.getByTestId(testId).boundingBox();
        expect(box, `${testId} is rendered`).not.toBeNull();
        expect(box?.x ?? -1, `${testId} starts on the screen`).toBeGreaterThanOrEqual(0);
        expect(
          (box?.x ?? 0) + (box?.width ?? 0),
          `${testId} ends on the screen`,
        ).toBeLessThanOrEqual(screenWidth);
      }

      await page.getByTestId("notifications-bell").click();
      const panel = page.getByTestId("notifications-panel");
      await panel.waitFor();
      const panelBox = await panel.boundingBox();
      expect(panelBox?.x ?? -1).toBeGreaterThanOrEqual(0);
      expect((panelBox?.x ?? 0) + (panelBox?.width ?? 0)).toBeLessThanOrEqual(screenWidth);
      await expectNoSidewaysScroll(page, "the open notifications panel");
      await screenshot(page, "notifications", "phone", { screenOnly: true });
      await page.keyboard.press("Escape");
      await panel.waitFor({ state: "hidden" });

      await page.getByTestId("sign-out").click();
      await page.getByTestId("sign-in-form").waitFor();
      await page.close();
    });
  },
);
