import { DomainError } from "@greenloop/order-sync/errors";
import type { Webhook } from "@greenloop/order-sync/lightspeed";
import { describe, expect, it } from "vitest";
import { classifyWebhookSubscriptions } from "./review-webhook-subscriptions";

const base = "https://sync.example.com";
const route = `${base}/api/webhooks/lightspeed`;
const secret = "current-secret-0123456789";

function webhook(id: string, type: string, url: string, active = true): Webhook {
  return { id, retailer_id: "r", type, url, active };
}

describe("classifyWebhookSubscriptions", () => {
  it("tells ours from stale (with the reasons) and foreign, and reports the missing types", () => {
    const review = classifyWebhookSubscriptions(
      [
        webhook("ours", "sale.update", `${route}/${secret}/sale.update`),
        webhook("old-secret", "customer.update", `${route}/old-secret/customer.update`),
        webhook("wrong-type", "customer.update", `${route}/${secret}/sale.update`),
        webhook("untyped", "customer.update", `${route}/${secret}`),
        webhook(
          "elsewhere",
          "sale.update",
          `https://old.example.com/api/webhooks/lightspeed/${secret}/sale.update`,
        ),
        webhook("products", "product.update", `${route}/${secret}/product.update`),
        webhook("inventory", "inventory.update", `${route}/${secret}/inventory.update`),
        webhook("foreign", "sale.update", "https://crm.example.com/hooks/lightspeed"),
      ],
      { secrets: { pathSecret: secret }, base },
    );
    expect(review.subscriptions.map((s) => [s.id, s.kind, s.reasons])).toEqual([
      ["ours", "ours", []],
      ["old-secret", "stale", ["secret"]],
      ["wrong-type", "stale", ["type"]],
      ["untyped", "stale", ["untyped"]],
      ["elsewhere", "stale", ["base"]],
      ["products", "ours", []],
      ["inventory", "stale", ["unconsumed"]],
      ["foreign", "foreign", []],
    ]);
    expect(review.missing).toEqual(["customer.update"]);
  });

  it("accepts any base without one given, and counts an inactive subscription of ours as missing", () => {
    const review = classifyWebhookSubscriptions(
      [
        webhook(
          "a",
          "sale.update",
          `https://elsewhere.example/api/webhooks/lightspeed/${secret}/sale.update`,
        ),
        webhook("b", "customer.update", `${route}/${secret}/customer.update`, false),
      ],
      { secrets: { pathSecret: secret } },
    );
    expect(review.subscriptions.map((s) => s.kind)).toEqual(["ours", "ours"]);
    expect(review.missing).toEqual(["customer.update", "product.update"]);
  });

  it("expects no secret in the URL with signatures only", () => {
    const review = classifyWebhookSubscriptions(
      [
        webhook("a", "sale.update", `${route}/sale.update`),
        webhook("b", "customer.update", `${route}/${secret}/customer.update`),
      ],
      { secrets: { clientSecret: "oauth" }, base },
    );
    expect(review.subscriptions.map((s) => [s.kind, s.reasons])).toEqual([
      ["ours", []],
      ["stale", ["secret"]],
    ]);
  });

  it("refuses with CONFIG when the route authenticates nothing", () => {
    expect(() => classifyWebhookSubscriptions([], { secrets: {} })).toThrow(DomainError);
  });
});
