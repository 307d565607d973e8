import { describe, expect, it } from "vitest";
import { emptyInboxFilter, inboxFilterInput } from "./inbox-filter";

describe("inboxFilterInput", () => {
  it("sends nothing for an empty form", () => {
    expect(inboxFilterInput(emptyInboxFilter, "UTC")).toEqual({});
  });

  it("sends what is filled in, the error text trimmed", () => {
    expect(
      inboxFilterInput(
        {
          ...emptyInboxFilter,
          type: "sale.update",
          status: "DEAD",
          objectId: " sale-1 ",
          errorContains: "  503 ",
          failedOnly: true,
        },
        "UTC",
      ),
    ).toEqual({
      type: "sale.update",
      status: "DEAD",
      objectId: "sale-1",
      errorContains: "503",
      failedOnly: true,
    });
  });

  it("reads the dates as whole days of the store, the end day included", () => {
    const input = inboxFilterInput(
      { ...emptyInboxFilter, from: "2026-12-01", to: "2026-12-07" },
      "America/Chicago",
    );
    expect(input.receivedFrom).toEqual(new Date("2026-12-01T06:00:00Z"));
    expect(input.receivedBefore).toEqual(new Date("2026-12-08T06:00:00Z"));
  });

  it("ignores a date that is not one", () => {
    expect(inboxFilterInput({ ...emptyInboxFilter, from: "yesterday" }, "UTC")).toEqual({});
  });
});
