import { CancelledError } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { newestDataAt, reachabilityAfter } from "./backend-reachability";

const networkFailure = Object.assign(new Error("Failed to fetch"), { cause: new TypeError() });
const serverRefusal = Object.assign(new Error("boom"), {
  data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
});

describe("reachabilityAfter", () => {
  it("marks the backend unreachable when a fetch never reached it, even before the retries end", () => {
    expect(reachabilityAfter({ type: "failed", error: networkFailure })).toBe("unreachable");
    expect(reachabilityAfter({ type: "error", error: networkFailure })).toBe("unreachable");
  });

  it("marks it reachable on any answer, an error the server sent included", () => {
    expect(reachabilityAfter({ type: "success" })).toBe("reachable");
    expect(reachabilityAfter({ type: "error", error: serverRefusal })).toBe("reachable");
  });

  it("learns nothing from the client's own cache writes, cancellations or other actions", () => {
    expect(reachabilityAfter({ type: "success", manual: true })).toBeUndefined();
    expect(reachabilityAfter({ type: "error", error: new CancelledError() })).toBeUndefined();
    expect(reachabilityAfter({ type: "fetch" })).toBeUndefined();
    expect(reachabilityAfter({ type: "invalidate" })).toBeUndefined();
  });
});

describe("newestDataAt", () => {
  it("is when the newest data shown arrived, ignoring queries without data", () => {
    expect(
      newestDataAt([
        { state: { data: 1, dataUpdatedAt: 1_000 } },
        { state: { data: undefined, dataUpdatedAt: 9_000 } },
        { state: { data: "x", dataUpdatedAt: 5_000 } },
      ]),
    ).toEqual(new Date(5_000));
    expect(newestDataAt([{ state: { data: undefined, dataUpdatedAt: 0 } }])).toBeNull();
    expect(newestDataAt([])).toBeNull();
  });
});
