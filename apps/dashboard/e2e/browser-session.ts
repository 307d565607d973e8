// What every browser test file needs: its own demo stack and Chromium, a signed-in page at a given
// screen width, and small waiting helpers. Each test file starts its own demo (≈ 15 s), so a file
// that moves the simulator's clock or changes customers never disturbs another file.
import { type ApiClient, createApiClient } from "@greenloop/app-client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { chromiumAvailable, launchChromium } from "./launch-chromium";
import { demoViewerToken, type RunningDemo, startDemo } from "./start-demo";

export const locale = "en-US";

/** The widths the dashboard must work at: a phone (iPhone 12–15) and a laptop. */
export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
} as const;
export type ViewportName = keyof typeof viewports;
export const viewportNames = Object.keys(viewports) as ViewportName[];

// CI installs Chromium (.ci/run); a developer machine without it skips with the reason.
export const browserReady = chromiumAvailable() || process.env.CI === "true";

export interface BrowserSession {
  demo: RunningDemo;
  browser: Browser;
  /** The operator's API client against the demo backend. */
  api: ApiClient;
  /** A new page signed in as `as`, at `viewport` (desktop by default); the browser's zone UTC by default. */
  signedInPage(options?: {
    as?: "operator" | "viewer";
    viewport?: ViewportName;
    timezoneId?: string;
  }): Promise<Page>;
}

/**
 * Starts the demo and Chromium before the file's tests and stops both after; the returned object's
 * fields are filled in `beforeAll`.
 */
export function useBrowserSession(
  /** `env`: settings for this file's demo, e.g. `{ STORE_TIMEZONE: "America/Chicago" }`. */
  options: { env?: Record<string, string> } = {},
): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    if (!browserReady) return;
    session.demo = await startDemo(options);
    session.browser = await launchChromium();
    session.api = createApiClient({ baseUrl: session.demo.apiBaseUrl, token: session.demo.token });
    session.signedInPage = async ({
      as = "operator",
      viewport = "desktop",
      timezoneId = "UTC",
    } = {}) => {
      const page = await session.browser.newPage({
        locale,
        timezoneId,
        viewport: viewports[viewport],
      });
      await page.goto(session.demo.dashboardUrl);
      await page
        .getByTestId("sign-in-token")
        .fill(as === "operator" ? session.demo.token : demoViewerToken);
      await page.getByTestId("sign-in-submit").click();
      await page.getByTestId("whoami-role").waitFor();
      expect(await page.getByTestId("whoami-role").textContent()).toContain(as);
      return page;
    };
  });
  afterAll(async () => {
    await session.browser?.close();
    if (session.demo) expect(await session.demo.stop()).toBe(0); // Ctrl-C stops everything cleanly
  });
  return session;
}

/** The trimmed text of the first element with this test id, once it is there. */
export async function textOf(page: Page, testId: string): Promise<string> {
  const locator = page.getByTestId(testId).first();
  await locator.waitFor();
  return ((await locator.textContent()) ?? "").trim();
}

/** Retries `check` until it passes: the store keeps syncing orders while the page loads. */
export async function eventually(check: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
