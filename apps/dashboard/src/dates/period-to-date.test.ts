import { describe, expect, it } from "vitest";
import { periodToDateLabel } from "./period-to-date";

const timeZone = "America/Chicago";

describe("periodToDateLabel", () => {
  const december = new Date("2026-12-01T06:00:00Z"); // Dec 1st, 00:00 CST

  it("labels the month that is still running at asOf", () => {
    expect(
      periodToDateLabel(december, "month", { asOf: new Date("2026-12-07T12:00:00Z"), timeZone }),
    ).toBe("month to date");
  });

  it("leaves a month that ended by asOf unlabelled, by the store's midnight", () => {
    // Jan 1st 00:00 CST is 06:00 UTC: at 05:59:59.999 UTC December is still running in Chicago.
    expect(
      periodToDateLabel(december, "month", { asOf: new Date("2027-01-01T05:00:00Z"), timeZone }),
    ).toBe("month to date");
    expect(
      periodToDateLabel(december, "month", {
        asOf: new Date("2027-01-01T05:59:59.999Z"),
        timeZone,
      }),
    ).toBeNull();
  });

  it("labels a running ISO week", () => {
    const monday = new Date("2026-12-07T06:00:00Z");
    expect(
      periodToDateLabel(monday, "week", { asOf: new Date("2026-12-09T00:00:00Z"), timeZone }),
    ).toBe("week to date");
    expect(
      periodToDateLabel(monday, "week", { asOf: new Date("2026-12-14T05:59:59.999Z"), timeZone }),
    ).toBeNull();
  });
});
