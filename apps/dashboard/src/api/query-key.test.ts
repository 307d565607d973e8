import { describe, expect, it } from "vitest";
import { buildQueryKey, procedurePath } from "./query-key";

interface FakeClient {
  analytics: { summary: { query: (input: { period: string }) => Promise<number> } };
  auth: { whoami: { query: () => Promise<string> } };
}

describe("procedurePath", () => {
  it("reads the path a selector walks, without calling the client", () => {
    expect(procedurePath((api: FakeClient) => api.analytics.summary)).toEqual([
      "analytics",
      "summary",
    ]);
    expect(procedurePath((api: FakeClient) => api.auth.whoami)).toEqual(["auth", "whoami"]);
  });

  it("refuses a selector that returns no procedure", () => {
    expect(() => procedurePath(() => undefined)).toThrow(/must return a procedure/);
  });
});

describe("buildQueryKey", () => {
  it("is the path, then the input", () => {
    expect(buildQueryKey(["analytics", "summary"], { period: "month" })).toEqual([
      "analytics",
      "summary",
      { input: { period: "month" } },
    ]);
  });

  it("is the bare path for a procedure without input", () => {
    expect(buildQueryKey(["auth", "whoami"])).toEqual(["auth", "whoami"]);
    expect(buildQueryKey(["auth", "whoami"], undefined)).toEqual(["auth", "whoami"]);
  });

  it("starts with the router, so a router's name invalidates all its queries", () => {
    const key = buildQueryKey(["sync", "alerts"], { status: "OPEN" });
    expect(key.slice(0, 1)).toEqual(["sync"]);
  });
});
