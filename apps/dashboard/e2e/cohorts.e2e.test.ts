// Cohort retention in the store's months, at a phone's and a laptop's width: with the store in
// Sydney (ahead of UTC, with daylight saving) and the browser in Honolulu, each cohort row is
// labelled with the store's month the API keyed it by (not the browser's, not UTC's), and the
// note names the store's zone.
import { describe, expect, it } from "vitest";
import { formatPeriod } from "../src/format/format-date";
import { formatCount } from "../src/format/format-number";
import {
  browserReady,
  eventually,
  locale,
  textOf as text,
  useBrowserSession,
  viewportNames,
} from "./browser-session";
import { openNavPage } from "./open-nav-page";

/** Ahead of UTC: its month's first midnight is still the month before in UTC and in Honolulu. */
const STORE_TIMEZONE = "Australia/Sydney";
const BROWSER_TIMEZONE = "Pacific/Honolulu";

const session = useBrowserSession({ env: { STORE_TIMEZONE } });

/** "2026-03" → "Mar 2026", read off the key alone (mid-month, so no zone can move it). */
function monthOfKey(key: string): string {
  const [year, month] = key.split("-").map(Number) as [number, number];
  return formatPeriod(new Date(Date.UTC(year, month - 1, 15)), "month", {
    timeZone: "UTC",
    locale,
  });
}

describe.skipIf(!browserReady)("cohorts in the store's months", () => {
  it.each(viewportNames)(
    "labels each cohort with the store's month of first order, whatever the browser's zone (%s)",
    async (viewport) => {
      const page = await session.signedInPage({ viewport, timezoneId: BROWSER_TIMEZONE });
      await openNavPage(page, "overview");

      const note = await text(page, "cohorts-note");
      expect(note).toContain("store's month of their first order (Australian Eastern Time)");
      expect(note).not.toContain("UTC");

      // The demo keeps syncing orders: compare with the API's answer of the same moment.
      await eventually(async () => {
        await page.reload();
        const { cohorts } = await session.api.analytics.cohorts.query({ months: 12 });
        expect(cohorts.length).toBeGreaterThan(1);
        const rows = page.getByTestId("cohort-row");
        await rows.nth(cohorts.length - 1).waitFor();
        expect(await rows.count()).toBe(cohorts.length);
        for (const [index, cohort] of cohorts.entries()) {
          const row = rows.nth(index);
          expect(await row.getAttribute("data-cohort")).toBe(cohort.key);
          const label = ((await row.getByTestId("cohort-label").textContent()) ?? "").trim();
          expect(label).toBe(
            formatPeriod(cohort.start, "month", { timeZone: STORE_TIMEZONE, locale }),
          );
          expect(label).toBe(monthOfKey(cohort.key));
          // The check means something: in the browser's zone or UTC the month is the one before.
          for (const timeZone of [BROWSER_TIMEZONE, "UTC"]) {
            expect(formatPeriod(cohort.start, "month", { timeZone, locale })).not.toBe(label);
          }
          expect(await row.getByTestId("cohort-size").textContent()).toBe(
            formatCount(cohort.size, locale),
          );
        }
      });
      await page.close();
    },
  );
});
