import { describe, expect, it } from "vitest";
import { compareIdentifiers, type Identifier, identifierKey } from "./identifier-kind";

describe("identifierKey", () => {
  it("does join kind and value with a colon", () => {
    expect(identifierKey({ kind: "EMAIL", value: "jane@example.com" })).toBe(
      "EMAIL:jane@example.com",
    );
    expect(identifierKey({ kind: "PHONE", value: "+16155550101" })).toBe("PHONE:+16155550101");
  });
});

describe("compareIdentifiers", () => {
  it("does order by kind (retail id, email, phone, loose email), then by value", () => {
    const ids: Identifier[] = [
      { kind: "EMAIL_LOOSE", value: "a@example.com" },
      { kind: "PHONE", value: "+16155550102" },
      { kind: "EMAIL", value: "b@example.com" },
      { kind: "PHONE", value: "+16155550101" },
      { kind: "RETAIL_CUSTOMER_ID", value: "z" },
      { kind: "EMAIL", value: "B@example.com" },
    ];
    expect([...ids].sort(compareIdentifiers).map(identifierKey)).toEqual([
      "RETAIL_CUSTOMER_ID:z",
      "EMAIL:B@example.com",
      "EMAIL:b@example.com",
      "PHONE:+16155550101",
      "PHONE:+16155550102",
      "EMAIL_LOOSE:a@example.com",
    ]);
  });
});
