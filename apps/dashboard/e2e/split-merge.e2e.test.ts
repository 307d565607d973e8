// Split and merge as an operator uses them, in Chromium at a phone's and a laptop's width: the
// records by what they are, a preview of every record that moves (with the companions a split
// forces and why), the split of exactly that set, and the merge back with its preview.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  browserReady,
  textOf,
  useBrowserSession,
  type ViewportName,
  viewportNames,
} from "./browser-session";
import { chromiumPath } from "./launch-chromium";

const session = useBrowserSession();

/**
 * A customer of the demo made of two X-Series customers (the store's email-only and phone-only
 * records of one person, joined by an online order), and one in-store sale of either; waits for
 * the demo's first sync and import to join them.
 */
async function customerWithTwoAccounts(): Promise<{ customerId: string; saleKey: string }> {
  let found: { customerId: string; saleKey: string } | null = null;
  await expect
    .poll(
      async () => {
        found = await findCustomerWithTwoAccounts();
        return found;
      },
      { timeout: 120_000, interval: 1_000 },
    )
    .not.toBeNull();
  if (!found) throw new Error("unreachable: polled until found");
  return found;
}

async function findCustomerWithTwoAccounts(): Promise<{
  customerId: string;
  saleKey: string;
} | null> {
  let cursor: string | undefined;
  do {
    const page = await session.api.customers.list.query({
      limit: 100,
      sort: "spend",
      ...(cursor ? { cursor } : {}),
    });
    for (const customer of page.items) {
      const { groups } = await session.api.customers.records.query({
        customerId: customer.customerId,
      });
      const accounts = groups.filter((group) => group.retailCustomer !== null);
      if (accounts.length < 2) continue;
      for (const account of accounts) {
        const sale = account.records.find((record) => record.kind === "in_store_sale");
        if (sale) return { customerId: customer.customerId, saleKey: sale.key };
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return null;
}

async function openCustomer(page: Page, customerId: string): Promise<void> {
  await page.goto(`${session.demo.dashboardUrl.replace(/\/$/, "")}/customers/${customerId}`);
  await page.getByTestId("page-customer").waitFor();
}

describe.skipIf(!browserReady)(`split and merge in Chromium (${chromiumPath})`, () => {
  for (const viewport of viewportNames) {
    it(`splits one ticked sale with its forced companions, then merges back (${viewport})`, async () => {
      await splitAndMergeBack(viewport);
    });
  }

  it("refuses a preview another operator made stale, in the dashboard's words, and changes nothing", async () => {
    const { customerId, saleKey } = await customerWithTwoAccounts();
    const page = await session.signedInPage();
    await openCustomer(page, customerId);
    await page.locator(`[data-testid="split-record"][value="${saleKey}"]`).check();
    await page.getByTestId("split-preview").click();
    await page.getByTestId("split-move").first().waitFor();

    // Meanwhile another operator splits the same records off.
    const preview = await session.api.customers.splitPreview.query({
      customerId,
      records: [saleKey],
    });
    if (preview.refusal) throw new Error(`the split was refused: ${preview.refusal.kind}`);
    const other = await session.api.customers.split.mutate({
      customerId,
      records: [saleKey],
      expectedMoves: preview.moves.map((move) => move.key),
    });
    const records = await session.api.customers.records.query({ customerId });

    await page.getByTestId("split-submit").click();
    await page.getByTestId("split-submit-confirm").click();
    const error = page.getByTestId("split-preview-panel").getByTestId("error");
    await error.waitFor();
    expect(await error.textContent()).toBe(
      "These records can no longer be split off as previewed, so nothing was split. Preview again.",
    );
    expect(await session.api.customers.records.query({ customerId })).toEqual(records);
    // Previewing again says why, without record keys.
    await page.getByTestId("split-preview").click();
    expect(await textOf(page, "split-refusal")).toMatch(/^Some ticked records are no longer/);

    // Put the customer back together for the other tests.
    await session.api.customers.merge.mutate({
      customerId,
      otherCustomerId: other.newCustomerId,
    });
    await page.close();
  });

  it("shows a viewer the records but no split or merge controls", async () => {
    const { customerId } = await customerWithTwoAccounts();
    for (const viewport of viewportNames) {
      const page = await session.signedInPage({ as: "viewer", viewport });
      await openCustomer(page, customerId);
      await page.getByTestId("merge-explanation").waitFor();
      // The merge explanation names records by what they are too.
      await page
        .getByTestId("merge-record")
        .filter({ hasText: /^(in-store sale|online order|X-Series customer)/ })
        .first()
        .waitFor();
      expect(await page.getByTestId("merge-records").textContent()).not.toMatch(
        /order:|retail_customer:/,
      );
      for (const id of ["action-split", "split-record", "split-preview", "action-merge"]) {
        expect(await page.getByTestId(id).count(), id).toBe(0);
      }
      await page.close();
    }
  });
});

async function splitAndMergeBack(viewport: ViewportName): Promise<void> {
  const { customerId, saleKey } = await customerWithTwoAccounts();
  const before = await session.api.customers.records.query({ customerId });
  const recordCount = before.groups.reduce((sum, group) => sum + group.records.length, 0);
  const page = await session.signedInPage({ viewport });
  await openCustomer(page, customerId);

  // The records by what they are, grouped by X-Series customer: no raw keys on screen.
  await page.getByTestId("split-record-row").first().waitFor();
  expect(await page.getByTestId("split-record-row").count()).toBe(recordCount);
  expect(await page.getByTestId("split-group").count()).toBe(before.groups.length);
  expect(await page.getByTestId("split-records").textContent()).not.toMatch(
    /order:|retail_customer:/,
  );
  await expectWithinWidth(page, "action-split");

  // Tick one sale: the preview lists it, its X-Series customer and its other sales, with why.
  await page.locator(`[data-testid="split-record"][value="${saleKey}"]`).check();
  await page.getByTestId("split-preview").click();
  await page.getByTestId("split-move").first().waitFor();
  const preview = await session.api.customers.splitPreview.query({
    customerId,
    records: [saleKey],
  });
  if (preview.refusal) throw new Error(`the split was refused: ${preview.refusal.kind}`);
  const moves = page.getByTestId("split-move");
  expect(await moves.count()).toBe(preview.moves.length);
  expect(preview.moves.length).toBeGreaterThan(1);
  const ticked = moves.and(page.locator(`[data-record-key="${saleKey}"]`));
  expect(await ticked.getAttribute("data-reason")).toBe("chosen");
  expect(await ticked.getByTestId("split-move-reason").textContent()).toBe("You ticked it.");
  const companion = moves.and(page.locator('[data-reason="same_retail_customer"]')).first();
  expect(await companion.getByTestId("split-move-reason").textContent()).toMatch(
    /^Same X-Series customer as the in-store sale #.+ you ticked/,
  );
  expect(await page.getByTestId("split-preview-panel").textContent()).not.toMatch(
    /--record|order:|retail_customer:/,
  );
  await expectWithinWidth(page, "split-preview-panel");

  // Confirm: exactly the previewed records move.
  await page.getByTestId("split-reason").fill(`e2e split (${viewport})`);
  await page.getByTestId("split-submit").click();
  await page.getByTestId("split-submit-confirm").click();
  await page.getByTestId("split-result").waitFor();
  expect(await textOf(page, "split-result")).toBe(
    `Moved ${preview.moves.length} records to the new customer.`,
  );
  const kept = await session.api.customers.records.query({ customerId });
  const keptKeys = kept.groups.flatMap((group) => group.records.map((record) => record.key));
  expect(keptKeys.length).toBe(recordCount - preview.moves.length);
  for (const move of preview.moves) expect(keptKeys).not.toContain(move.key);
  await page
    .getByTestId("split-record-row")
    .nth(keptKeys.length - 1)
    .waitFor();
  expect(await page.getByTestId("split-record-row").count()).toBe(keptKeys.length);

  // Merge the split-off customer back: found by name, previewed, merged.
  await page.getByTestId("split-result").getByRole("link").click();
  await page.getByTestId("page-customer").waitFor();
  const newCustomerId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
  await page.goto(`${session.demo.dashboardUrl.replace(/\/$/, "")}/customers/${customerId}`);
  await page.getByTestId("merge-search").waitFor();
  const profile = await session.api.customers.byId.query({ customerId: newCustomerId });
  await page.getByTestId("merge-search").fill(profile.displayName ?? "");
  const candidate = page.locator(
    `[data-testid="merge-candidate"][data-customer-id="${newCustomerId}"]`,
  );
  await candidate.click();
  await page.getByTestId("merge-after-records").waitFor();
  expect(await textOf(page, "merge-after-records")).toBe(String(recordCount));
  expect(await page.getByTestId("merge-joining-record").count()).toBe(preview.moves.length);
  await expectWithinWidth(page, "merge-preview");
  await page.getByTestId("merge-reason").fill(`e2e merge back (${viewport})`);
  await page.getByTestId("merge-submit").click();
  await page.getByTestId("merge-submit-confirm").click();
  await page.getByTestId("merge-result").waitFor();
  const merged = await session.api.customers.records.query({ customerId });
  expect(merged.groups.flatMap((group) => group.records).length).toBe(recordCount);
  expect((await session.api.customers.byId.query({ customerId: newCustomerId })).customerId).toBe(
    customerId,
  );
  await page.close();
}

/**
 * The element fits the screen's width (a phone's included): its wide tables scroll in their own
 * box. (The page's header and orders table are the phone layout's, checked in its own file.)
 */
async function expectWithinWidth(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).first().boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box, testId).not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0), testId).toBeLessThanOrEqual(width);
}
