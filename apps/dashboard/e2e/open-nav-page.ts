// Reaches a page through the nav at any width: on a phone the nav sits behind the menu button
// (`nav-menu`), so it is opened first; on a laptop the links are always there.
import type { Page } from "playwright-core";
import type { NavPage } from "../src/routing/routes";

export async function openNavPage(page: Page, navPage: NavPage): Promise<void> {
  const menu = page.getByTestId("nav-menu");
  if ((await menu.isVisible()) && (await menu.getAttribute("aria-expanded")) !== "true") {
    await menu.click();
  }
  await page.getByTestId(`nav-${navPage}`).click();
}
