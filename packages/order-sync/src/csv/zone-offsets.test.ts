import { describe, expect, it } from "vitest";
import { ZoneOffsets } from "./zone-offsets";

describe("ZoneOffsets", () => {
  it("does reject an unknown time zone with a BAD_INPUT DomainError", () => {
    expect(() => new ZoneOffsets("Mars/Olympus")).toThrow(/unknown time zone/);
  });
});
