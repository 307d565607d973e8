// Pushing a segment into an X-Series customer group from the Overview, in Chromium at a phone's
// and a laptop's width: preview → confirm → the simulated store's customers are in the group →
// undo → every customer is back where it was. Viewers see none of it.
import { createLightspeedClient } from "@greenloop/order-sync/lightspeed";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatCount } from "../src/format/format-number";
import {
  browserReady,
  locale,
  textOf as text,
  useBrowserSession,
  viewportNames,
  viewports,
} from "./browser-session";
import { chromiumPath } from "./launch-chromium";

const session = useBrowserSession();

/** Every X-Series customer's group, read from the simulated store over its API. */
async function storeGroups(): Promise<Map<string, string | null>> {
  const client = createLightspeedClient({
    baseUrl: session.demo.simulatorUrl,
    token: session.demo.simulatorToken,
  });
  const groups = new Map<string, string | null>();
  for await (const page of client.listCustomers({ pageSize: 200 })) {
    for (const { data } of page.records) groups.set(data.id, data.customer_group_id ?? null);
  }
  return groups;
}

/** A segment and a group with customers to add: the first such pair the API previews. */
async function pickPush() {
  const [segments, groups] = await Promise.all([
    session.api.analytics.segments.query({ by: "rfmSegment" }),
    session.api.segmentPush.groups.query(),
  ]);
  for (const segment of segments.segments.filter((row) => row.customerCount > 0)) {
    for (const group of [...groups].reverse()) {
      const input = { by: "rfmSegment" as const, segment: segment.segment, groupId: group.id };
      const preview = await session.api.segmentPush.preview.query(input);
      if (preview.customersToAdd > 0) return { input, preview };
    }
  }
  throw new Error("no segment has X-Series customers outside some group");
}

/** The card fits the screen: nothing in it is wider than the viewport. */
async function expectFitsWidth(page: Page, width: number) {
  const box = await page.getByTestId("segment-push").boundingBox();
  expect(box).not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
  const overflow = await page
    .getByTestId("segment-push")
    .evaluate((card) => card.scrollWidth - card.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.skipIf(!browserReady)(`segment push in Chromium (${chromiumPath})`, () => {
  for (const viewport of viewportNames) {
    it(`previews, pushes into the group and undoes it (${viewport})`, async () => {
      const { input, preview } = await pickPush();
      const before = await storeGroups();
      const page = await session.signedInPage({ viewport });
      await page.getByTestId("segment-push").waitFor();
      await page.getByTestId("segment-push-by").selectOption("rfmSegment");
      await page
        .getByTestId("segment-push-segment")
        .locator(`option[value="${input.segment}"]`)
        .waitFor({ state: "attached" });
      await page.getByTestId("segment-push-segment").selectOption(input.segment);
      await page
        .getByTestId("segment-push-group")
        .locator(`option[value="${input.groupId}"]`)
        .waitFor({ state: "attached" });
      await page.getByTestId("segment-push-group").selectOption(input.groupId);
      await page.getByTestId("segment-push-preview").click();

      expect(await text(page, "segment-push-reachable")).toBe(
        formatCount(preview.reachableByEmail, locale),
      );
      expect(await text(page, "segment-push-to-add")).toBe(
        formatCount(preview.customersToAdd, locale),
      );
      expect(await text(page, "segment-push-already")).toBe(
        formatCount(preview.customersAlreadyInGroup, locale),
      );
      expect(await text(page, "segment-push-without")).toBe(
        formatCount(preview.customersWithoutRetailCustomer, locale),
      );
      expect(await page.getByTestId("segment-push-without-name").count()).toBe(
        preview.withoutRetailCustomerSample.length,
      );
      await expectFitsWidth(page, viewports[viewport].width);

      await page.getByTestId("segment-push-submit").click();
      await page.getByTestId("segment-push-submit-confirm").click();
      const result = page.getByTestId("segment-push-result");
      await result.waitFor();
      const runId = await result.getAttribute("data-run-id");
      expect(runId).toBeTruthy();
      expect(await result.textContent()).toContain(
        `Moved ${formatCount(preview.recordsToMove, locale)} X-Series customer record(s) into ${preview.group.name}`,
      );

      // In the store: exactly the previewed records moved, all into the group.
      const pushed = await storeGroups();
      const moved = [...before].filter(([id, group]) => pushed.get(id) !== group);
      expect(moved).toHaveLength(preview.recordsToMove);
      for (const [id] of moved) expect(pushed.get(id)).toBe(input.groupId);
      // The preview now has nobody left to add.
      expect(await text(page, "segment-push-to-add")).toBe(formatCount(0, locale));

      const row = page.locator(`[data-testid="segment-push-row"][data-run-id="${runId}"]`);
      expect(await row.getByTestId("segment-push-row-applied").textContent()).toBe(
        formatCount(preview.recordsToMove, locale),
      );
      await row.getByTestId("segment-push-undo").click();
      await row.getByTestId("segment-push-undo-confirm").click();
      const undoResult = page.getByTestId("segment-push-undo-result");
      await undoResult.waitFor();
      expect(await undoResult.getAttribute("data-run-id")).toBe(runId);
      expect(await undoResult.textContent()).toBe(
        `Put ${formatCount(preview.recordsToMove, locale)} X-Series customer record(s) back in their previous group.`,
      );
      await row.getByTestId("segment-push-row-done").waitFor();

      const undone = await storeGroups();
      for (const [id, group] of before) expect(undone.get(id), id).toBe(group);
      await page.close();
    });

    it(`shows a viewer nothing of it (${viewport})`, async () => {
      const page = await session.signedInPage({ as: "viewer", viewport });
      await page.getByTestId("segment-row").first().waitFor();
      expect(await page.getByTestId("segment-push").count()).toBe(0);
      await page.close();
    });
  }
});
