import { describe, expect, it } from "vitest";
import { emptyInboxFilter, inboxFilterInput } from "./inbox-filter";

describe("inboxFilterInput", () => {
  it("sends nothing for an empty form", () => {
    expect(inboxFilterInput(emptyInboxFilter)).toEqual({});
  });

  it("sends what is filled in, the error text trimmed", () => {
    expect(
      inboxFilterInput({
        ...emptyInboxFilter,
        type: "sale.update",
        status: "DEAD",
        objectId: " sale-1 ",
        errorContains: "  503 ",
        failedOnly: true,
      }),
    ).toEqual({
      type: "sale.update",
      status: "DEAD",
      objectId: "sale-1",
      errorContains: "503",
      failedOnly: true,
    });
  });

  it("reads the dates as whole local days, the end day included", () => {
    const input = inboxFilterInput({ ...emptyInboxFilter, from: "2026-12-01", to: "2026-12-07" });
    expect(input.receivedFrom).toEqual(new Date(2026, 11, 1));
    expect(input.receivedBefore).toEqual(new Date(2026, 11, 8));
  });

  it("ignores a date that is not one", () => {
    expect(inboxFilterInput({ ...emptyInboxFilter, from: "yesterday" })).toEqual({});
  });
});
