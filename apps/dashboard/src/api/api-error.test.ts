import { describe, expect, it } from "vitest";
import {
  errorMessage,
  isBadRequest,
  isForbidden,
  isNetworkError,
  isNotFound,
  isUnauthorized,
} from "./api-error";
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

describe("errorMessage in words", () => {
  // What tRPC sends for an id that fails the input's uuid check: the validator's issues as JSON.
  const zodIssues = JSON.stringify(
    [
      {
        origin: "string",
        code: "invalid_format",
        format: "uuid",
        pattern:
          "/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$/",
        path: ["customerId"],
        message: "Invalid UUID",
      },
    ],
    null,
    2,
  );

  it("turns a validation error into a sentence naming the field, never the JSON", () => {
    const error = trpcError("BAD_REQUEST", 400, zodIssues);
    expect(isBadRequest(error)).toBe(true);
    const message = errorMessage(error);
    expect(message).toBe("The server could not accept this request: the customer id is not valid.");
    expect(message).not.toMatch(/[[{]|0-9a-f/);
  });

  it("names every invalid field once", () => {
    const issues = JSON.stringify([
      { path: ["from"], message: "x" },
      { path: ["from"], message: "y" },
      { path: ["limit"], message: "z" },
    ]);
    expect(errorMessage(trpcError("BAD_REQUEST", 400, issues))).toBe(
      "The server could not accept this request: the from, limit are not valid.",
    );
  });

  it("says what a code means when its message is not for people", () => {
    expect(errorMessage(trpcError("NOT_FOUND", 404, ""))).toBe(
      "Not found: it may have been removed, or the link is wrong.",
    );
    expect(errorMessage(trpcError("INTERNAL_SERVER_ERROR", 500, '{"error":"x"}'))).toBe(
      "The server hit an unexpected error: try again, and tell an operator if it persists.",
    );
    expect(errorMessage(trpcError("TOO_MANY_REQUESTS", 429, "<html>"))).toBe(
      "Too many requests: wait a moment and try again.",
    );
    expect(errorMessage({ data: { httpStatus: 502 } })).toBe(
      "The server refused the request (HTTP 502).",
    );
  });

  it("keeps a domain error's own sentence", () => {
    const error = trpcError("NOT_FOUND", 404, "No customer 00000000-0000-4000-8000-000000000000.");
    expect(isNotFound(error)).toBe(true);
    expect(errorMessage(error)).toBe("No customer 00000000-0000-4000-8000-000000000000.");
  });
});

describe("isNetworkError", () => {
  it("is a request that got no answer, not one the server refused", () => {
    expect(isNetworkError(new TypeError("Failed to fetch"))).toBe(true);
    // tRPC's client wraps the browser's TypeError, without data.
    expect(
      isNetworkError(Object.assign(new Error("Failed to fetch"), { cause: new TypeError() })),
    ).toBe(true);
    expect(isNetworkError(new Error("NetworkError when attempting to fetch resource."))).toBe(true);
    expect(isNetworkError(trpcError("INTERNAL_SERVER_ERROR", 500, "Failed to fetch"))).toBe(false);
    expect(isNetworkError(trpcError("NOT_FOUND", 404))).toBe(false);
    expect(isNetworkError(new Error("boom"))).toBe(false);
    expect(isNetworkError("Failed to fetch")).toBe(false);
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
