import { describe, expect, it } from "vitest";
import { optionalReason } from "./optional-reason";

describe("optionalReason", () => {
  it("does send the reason trimmed", () => {
    expect(optionalReason("  ticket 42 ")).toEqual({ reason: "ticket 42" });
  });

  it("does send no reason for blank text", () => {
    expect(optionalReason("")).toEqual({});
    expect(optionalReason("   ")).toEqual({});
  });
});
