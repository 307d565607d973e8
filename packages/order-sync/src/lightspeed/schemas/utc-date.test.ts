import { describe, expect, it } from "vitest";
import { optionalUtcDateSchema, parseUtcDate, utcDateSchema } from "./utc-date";

describe("parseUtcDate", () => {
  it("reads ISO-8601 with an offset as API 2.0 sends it", () => {
    expect(parseUtcDate("2014-09-18T01:37:56+00:00")?.toISOString()).toBe(
      "2014-09-18T01:37:56.000Z",
    );
    expect(parseUtcDate("2014-09-18T13:37:56+12:00")?.toISOString()).toBe(
      "2014-09-18T01:37:56.000Z",
    );
  });

  it("reads API 1.0 times without a zone as UTC, not local time", () => {
    expect(parseUtcDate("2017-12-06 04:53:17")?.toISOString()).toBe("2017-12-06T04:53:17.000Z");
    expect(parseUtcDate("2017-12-06T04:53:17")?.toISOString()).toBe("2017-12-06T04:53:17.000Z");
    expect(parseUtcDate("1992-08-17")?.toISOString()).toBe("1992-08-17T00:00:00.000Z");
  });

  it("rejects what is not a timestamp", () => {
    expect(parseUtcDate("yesterday")).toBeNull();
    expect(parseUtcDate("2017-13-45 99:00:00")).toBeNull();
    expect(parseUtcDate("")).toBeNull();
  });
});

describe("utcDateSchema", () => {
  it("reports an issue for a bad timestamp", () => {
    expect(utcDateSchema.safeParse("soon").success).toBe(false);
  });
});

describe("optionalUtcDateSchema", () => {
  it("treats null, missing and the API 1.0 empty string as absent", () => {
    expect(optionalUtcDateSchema.parse(null)).toBeNull();
    expect(optionalUtcDateSchema.parse(undefined)).toBeNull();
    expect(optionalUtcDateSchema.parse("")).toBeNull();
  });
});
