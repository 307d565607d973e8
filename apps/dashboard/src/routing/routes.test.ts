import { describe, expect, it } from "vitest";
import { navPageOf, parseRoute, pathOf } from "./routes";

describe("parseRoute", () => {
  it("reads every page's path", () => {
    expect(parseRoute("/")).toEqual({ page: "overview" });
    expect(parseRoute("/overview")).toEqual({ page: "overview" });
    expect(parseRoute("/customers")).toEqual({ page: "customers" });
    expect(parseRoute("/customers/0b7c")).toEqual({ page: "customer", customerId: "0b7c" });
    expect(parseRoute("/sync/")).toEqual({ page: "sync" });
    expect(parseRoute("/imports")).toEqual({ page: "imports" });
    expect(parseRoute("/imports/run-1")).toEqual({ page: "imports", runId: "run-1" });
  });

  it("says not found for anything else", () => {
    expect(parseRoute("/nope")).toEqual({ page: "notFound", path: "/nope" });
    expect(parseRoute("/customers/a/b")).toEqual({ page: "notFound", path: "/customers/a/b" });
  });
});

describe("pathOf", () => {
  it("is what parseRoute reads back", () => {
    for (const route of [
      { page: "overview" },
      { page: "customers" },
      { page: "customer", customerId: "a b/c" },
      { page: "sync" },
      { page: "imports" },
      { page: "imports", runId: "r1" },
    ] as const) {
      expect(parseRoute(pathOf(route))).toEqual(route);
    }
  });
});

describe("navPageOf", () => {
  it("puts a customer's page under Customers", () => {
    expect(navPageOf({ page: "customer", customerId: "x" })).toBe("customers");
    expect(navPageOf({ page: "notFound", path: "/x" })).toBeUndefined();
  });
});
