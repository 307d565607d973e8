import { describe, expect, it } from "vitest";
import { DomainError, isDomainError } from "./domain-error";

describe("DomainError", () => {
  it("carries a code, a message, details and the cause", () => {
    const cause = new Error("ECONNREFUSED");
    const error = new DomainError("UNAVAILABLE", "database is down", {
      cause,
      details: { port: 5432 },
    });
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toBe("database is down");
    expect(error.details).toEqual({ port: 5432 });
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });

  it("is told apart from other errors", () => {
    expect(isDomainError(new DomainError("BAD_INPUT", "x"))).toBe(true);
    expect(isDomainError(new Error("x"))).toBe(false);
    expect(isDomainError({ code: "BAD_INPUT", message: "x" })).toBe(false);
  });
});
