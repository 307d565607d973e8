import { describe, expect, it } from "vitest";
import {
  buildWebhookSubscriptionUrl,
  maskSecrets,
  readWebhookSubscriptionUrl,
  webhookAuthModeOf,
} from "./webhook-url";

const secret = "3f9a0c1d2e4b5a6978c0d1e2f3a4b5c6";

describe("buildWebhookSubscriptionUrl", () => {
  it("puts the path secret, then the type, after our route", () => {
    expect(
      buildWebhookSubscriptionUrl({
        base: "https://sync.example.com",
        type: "sale.update",
        pathSecret: secret,
      }),
    ).toBe(`https://sync.example.com/api/webhooks/lightspeed/${secret}/sale.update`);
  });

  it("names only the type without a path secret, and keeps a base path prefix", () => {
    expect(
      buildWebhookSubscriptionUrl({
        base: "https://example.com/greenloop",
        type: "customer.update",
        pathSecret: undefined,
      }),
    ).toBe("https://example.com/greenloop/api/webhooks/lightspeed/customer.update");
  });
});

describe("readWebhookSubscriptionUrl", () => {
  it("reads back what buildWebhookSubscriptionUrl makes, in either mode", () => {
    const base = "https://example.com/greenloop";
    for (const pathSecret of [secret, undefined]) {
      const url = buildWebhookSubscriptionUrl({ base, type: "sale.update", pathSecret });
      const mode = pathSecret ? "path-secret" : "signature";
      expect(readWebhookSubscriptionUrl(url, mode)).toEqual({
        base,
        secret: pathSecret,
        type: "sale.update",
      });
    }
  });

  it("reads the URLs the route accepts: query secret and type, no type, the sale alias", () => {
    const host = "https://h.example";
    expect(
      readWebhookSubscriptionUrl(
        `${host}/api/webhooks/lightspeed/sale.update?secret=s1`,
        "path-secret",
      ),
    ).toEqual({
      base: host,
      secret: "s1",
      type: "sale.update",
    });
    expect(readWebhookSubscriptionUrl(`${host}/api/webhooks/lightspeed/s1`, "path-secret")).toEqual(
      {
        base: host,
        secret: "s1",
        type: undefined,
      },
    );
    expect(
      readWebhookSubscriptionUrl(
        `${host}/api/webhooks/lightspeed?type=customer.update&secret=s1`,
        "path-secret",
      ),
    ).toEqual({
      base: host,
      secret: "s1",
      type: "customer.update",
    });
    expect(
      readWebhookSubscriptionUrl(`${host}/api/webhooks/lightspeed-sale-created/s1`, "path-secret"),
    ).toEqual({
      base: host,
      secret: "s1",
      type: "sale.update",
    });
    // Without a signature, a lone type-shaped segment is the secret, as the route reads it.
    expect(
      readWebhookSubscriptionUrl(`${host}/api/webhooks/lightspeed/sale.update`, "path-secret"),
    ).toMatchObject({
      secret: "sale.update",
      type: undefined,
    });
  });

  it("takes no other URL for ours", () => {
    for (const url of [
      "https://h.example/hooks/lightspeed",
      "https://h.example/api/webhooks/lightspeedx/s",
      "https://h.example/api/webhooks/lightspeed/a/b/c",
      "ftp://h.example/api/webhooks/lightspeed/s",
      "not a url",
    ]) {
      expect(readWebhookSubscriptionUrl(url, "path-secret"), url).toBeNull();
    }
  });
});

describe("maskSecrets", () => {
  it("keeps 4 characters of each secret, as is or percent-encoded", () => {
    expect(maskSecrets(`https://h/api/webhooks/lightspeed/${secret}/sale.update`, [secret])).toBe(
      "https://h/api/webhooks/lightspeed/3f9a…/sale.update",
    );
    expect(maskSecrets("x/a%2Fb%3Dcdef/y and a/b=cdef", ["a/b=cdef", undefined])).toBe(
      "x/a/b=…/y and a/b=…",
    );
  });
});

describe("webhookAuthModeOf", () => {
  it("prefers the signature, and says null when nothing authenticates", () => {
    expect(webhookAuthModeOf({ clientSecret: "c", pathSecret: "p" })).toBe("signature");
    expect(webhookAuthModeOf({ pathSecret: "p" })).toBe("path-secret");
    expect(webhookAuthModeOf({})).toBeNull();
  });
});
