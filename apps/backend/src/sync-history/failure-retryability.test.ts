import { describe, expect, it } from "vitest";
import { isRetryableFailure, leadingErrorCode } from "./failure-retryability";

describe("isRetryableFailure", () => {
  it("retries what a dependency being down, slow or rate-limiting causes", () => {
    expect(isRetryableFailure({ code: "UNAVAILABLE", message: "anything" })).toBe(true);
    expect(isRetryableFailure({ code: "RATE_LIMITED", message: null })).toBe(true);
  });

  it("does not retry a refused token, a bad request, a conflict or a bug", () => {
    for (const code of [
      "UNAUTHORIZED",
      "FORBIDDEN",
      "BAD_INPUT",
      "NOT_FOUND",
      "CONFIG",
      "INTERNAL",
    ]) {
      expect(isRetryableFailure({ code, message: "Lightspeed answered 503" })).toBe(false);
    }
  });

  it("reads the code at the front of a webhook attempt's error", () => {
    expect(
      isRetryableFailure({
        code: null,
        message:
          "UNAVAILABLE: Lightspeed answered 503 to GET /api/2.0/sales/1; gave up after retrying",
      }),
    ).toBe(true);
    expect(
      isRetryableFailure({
        code: null,
        message: "UNAUTHORIZED: Lightspeed answered 401 to GET /api/2.0/sales/1: {}",
      }),
    ).toBe(false);
  });

  it("falls back on the message's words when no code was stored", () => {
    expect(isRetryableFailure({ code: null, message: "Lightspeed timed out to GET /x" })).toBe(
      true,
    );
    expect(isRetryableFailure({ code: null, message: "connect ECONNREFUSED 127.0.0.1:1" })).toBe(
      true,
    );
    expect(
      isRetryableFailure({
        code: null,
        message: "abandoned: the process running it stopped before it finished",
      }),
    ).toBe(true);
    expect(isRetryableFailure({ code: null, message: "relation does not exist" })).toBe(false);
  });

  it("answers null when nothing failed", () => {
    expect(isRetryableFailure({ code: null, message: null })).toBeNull();
  });
});

describe("leadingErrorCode", () => {
  it("knows only the domain's codes", () => {
    expect(leadingErrorCode("CONFLICT: busy")).toBe("CONFLICT");
    expect(leadingErrorCode("TypeError: x is undefined")).toBeNull();
    expect(leadingErrorCode("no code here")).toBeNull();
  });
});
