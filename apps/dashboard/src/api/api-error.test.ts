import { describe, expect, it } from "vitest";
import { errorMessage, isForbidden, isUnauthorized } from "./api-error";
import { shouldRetry } from "./create-query-client";

/** The shape of a TRPCClientError as the client receives it. */
function trpcError(code: string, httpStatus: number, message = "nope") {
  return Object.assign(new Error(message), { data: { code, httpStatus } });
}

describe("isUnauthorized", () => {
  it("recognises a refused token by its code or its status", () => {
    expect(isUnauthorized(trpcError("UNAUTHORIZED", 401))).toBe(true);
    expect(isUnauthorized({ data: { httpStatus: 401 } })).toBe(true);
    expect(isUnauthorized(trpcError("FORBIDDEN", 403))).toBe(false);
    expect(isUnauthorized(new Error("x"))).toBe(false);
    expect(isUnauthorized(null)).toBe(false);
  });
});

describe("errorMessage", () => {
  it("says when a token may not do something", () => {
    expect(isForbidden(trpcError("FORBIDDEN", 403))).toBe(true);
    expect(errorMessage(trpcError("FORBIDDEN", 403, "This needs an operator token."))).toBe(
      "Your token may not do this (This needs an operator token.).",
    );
  });

  it("says when the server cannot be reached", () => {
    expect(errorMessage(new TypeError("Failed to fetch"))).toBe(
      "Cannot reach the server: Failed to fetch",
    );
  });

  it("passes other messages through", () => {
    expect(errorMessage(trpcError("BAD_REQUEST", 400, "from must be later"))).toBe(
      "from must be later",
    );
    expect(errorMessage("plain")).toBe("plain");
    expect(errorMessage(42)).toBe("Something went wrong.");
  });
});

describe("shouldRetry", () => {
  it("retries server and network failures twice, never a client error", () => {
    expect(shouldRetry(0, trpcError("INTERNAL_SERVER_ERROR", 500))).toBe(true);
    expect(shouldRetry(2, trpcError("INTERNAL_SERVER_ERROR", 500))).toBe(false);
    expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
    expect(shouldRetry(0, trpcError("UNAUTHORIZED", 401))).toBe(false);
    expect(shouldRetry(0, trpcError("NOT_FOUND", 404))).toBe(false);
  });
});
