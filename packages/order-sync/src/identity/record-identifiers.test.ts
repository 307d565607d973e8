import { describe, expect, it } from "vitest";
import { createIdentifierBlocklist } from "./blocked-identifiers";
import { identifierKey } from "./identifier-kind";
import {
  type IdentifiersOfContactOptions,
  identifiersOfContact,
  normalizeRetailCustomerId,
} from "./record-identifiers";

// Fixture data lives on example.com, which the default rules block: lift that rule here.
const blocklist = createIdentifierBlocklist(
  { emailDomains: [], storeEmails: ["orders@shop.example.com"], storePhones: ["615-555-0199"] },
  { defaultRegion: "US" },
);
const options: IdentifiersOfContactOptions = { defaultRegion: "US", looseEmails: true, blocklist };
const keys = (ids: ReadonlyArray<{ kind: string; value: string }>) =>
  ids.map((id) => `${id.kind}:${id.value}`);

describe("identifiersOfContact", () => {
  it("does normalize every field and order by kind, then value", () => {
    const result = identifiersOfContact(
      {
        email: " Jane.Doe+Web@GoogleMail.com ",
        phones: ["(615) 555-0102", " +16155550101", null, undefined],
        retailCustomerId: "  0a6f1b2c-0000-4000-8000-000000000001 ",
      },
      options,
    );
    expect(keys(result.identifiers)).toEqual([
      "RETAIL_CUSTOMER_ID:0a6f1b2c-0000-4000-8000-000000000001",
      "EMAIL:jane.doe+web@googlemail.com",
      "PHONE:+16155550101",
      "PHONE:+16155550102",
      "EMAIL_LOOSE:janedoe@gmail.com",
    ]);
    expect(result.blocked).toEqual([]);
  });

  it("does emit the loose key even when it equals the exact email", () => {
    const result = identifiersOfContact({ email: "jane@example.com" }, options);
    expect(keys(result.identifiers)).toEqual([
      "EMAIL:jane@example.com",
      "EMAIL_LOOSE:jane@example.com",
    ]);
  });

  it("does let two spellings of one mailbox meet on the loose key only", () => {
    const a = identifiersOfContact({ email: "jane.doe@gmail.com" }, options);
    const b = identifiersOfContact({ email: "janedoe+shop@gmail.com" }, options);
    const shared = keys(a.identifiers).filter((key) => keys(b.identifiers).includes(key));
    expect(shared).toEqual(["EMAIL_LOOSE:janedoe@gmail.com"]);
  });

  it("does leave loose keys out when looseEmails is false", () => {
    const result = identifiersOfContact(
      { email: "jane.doe@gmail.com" },
      { ...options, looseEmails: false },
    );
    expect(keys(result.identifiers)).toEqual(["EMAIL:jane.doe@gmail.com"]);
  });

  it("does dedupe phones written in different formats", () => {
    const result = identifiersOfContact(
      { phones: ["615.555.0101", "+1 615-555-0101", "1-615-555-0101 x12", "6155550101"] },
      options,
    );
    expect(keys(result.identifiers)).toEqual(["PHONE:+16155550101"]);
  });

  it("does give the same output whatever the input order", () => {
    const phones = ["615-555-0103", "615-555-0101", "615-555-0102"];
    const first = identifiersOfContact({ email: "jane@example.com", phones }, options);
    const second = identifiersOfContact(
      { email: "jane@example.com", phones: [...phones].reverse() },
      options,
    );
    expect(second).toEqual(first);
    expect(first.identifiers.map(identifierKey)).toEqual([
      "EMAIL:jane@example.com",
      "PHONE:+16155550101",
      "PHONE:+16155550102",
      "PHONE:+16155550103",
      "EMAIL_LOOSE:jane@example.com",
    ]);
  });

  it("does split out blocked identifiers with their reason", () => {
    const result = identifiersOfContact(
      {
        email: "noemail@gmail.com",
        phones: ["000-000-0000", "615-555-0199", "615-555-0101", "555-555-5555", "123-456-7890"],
        retailCustomerId: "c-1",
      },
      options,
    );
    expect(keys(result.identifiers)).toEqual(["RETAIL_CUSTOMER_ID:c-1", "PHONE:+16155550101"]);
    expect(result.blocked).toEqual([
      {
        kind: "EMAIL",
        value: "noemail@gmail.com",
        reason: 'placeholder email local part "noemail"',
      },
      { kind: "PHONE", value: "+10000000000", reason: "all-zero phone" },
      { kind: "PHONE", value: "+11234567890", reason: "sequential test phone" },
      { kind: "PHONE", value: "+15555555555", reason: "repeated-digit phone" },
      { kind: "PHONE", value: "+16155550199", reason: "store's own phone" },
      {
        kind: "EMAIL_LOOSE",
        value: "noemail@gmail.com",
        reason: 'placeholder email local part "noemail"',
      },
    ]);
  });

  it("does block the loose key of a blocked email, with the email's reason", () => {
    const result = identifiersOfContact({ email: "Orders@Shop.Example.com" }, options);
    expect(result.identifiers).toEqual([]);
    expect(result.blocked).toEqual([
      { kind: "EMAIL", value: "orders@shop.example.com", reason: "store's own email" },
      { kind: "EMAIL_LOOSE", value: "orders@shop.example.com", reason: "store's own email" },
    ]);
  });

  it("does block with the default rules, reserved test domains included", () => {
    const defaults = createIdentifierBlocklist({}, { defaultRegion: "US" });
    const result = identifiersOfContact(
      { email: "jane.doe@test.com", phones: ["+16155550101"] },
      { ...options, blocklist: defaults },
    );
    expect(keys(result.identifiers)).toEqual(["PHONE:+16155550101"]);
    expect(result.blocked.map((id) => id.reason)).toEqual([
      'placeholder email domain "test.com"',
      'placeholder email domain "test.com"',
    ]);
  });

  it.each(["null", "n/a", "none", "-", "0", "-1", "undefined", "unknown", "", "  "])(
    "does turn the raw value %j into no identifier at all",
    (raw) => {
      const result = identifiersOfContact(
        { email: raw, phones: [raw], retailCustomerId: raw },
        options,
      );
      expect(result).toEqual({ identifiers: [], blocked: [] });
    },
  );

  it("does return nothing for an empty contact", () => {
    expect(identifiersOfContact({}, options)).toEqual({ identifiers: [], blocked: [] });
  });
});

describe("normalizeRetailCustomerId", () => {
  it.each([
    ["  abc-123 ", "abc-123"],
    ["ABC-123", "ABC-123"],
    ["0a6f1b2c-0000-4000-8000-000000000001", "0a6f1b2c-0000-4000-8000-000000000001"],
  ])("does keep %j verbatim apart from trimming", (raw, expected) => {
    expect(normalizeRetailCustomerId(raw)).toBe(expected);
  });

  it.each([[null], [undefined], [""], ["null"], ["undefined"], ["-1"], ["0"]])(
    "does return null for %j",
    (raw) => {
      expect(normalizeRetailCustomerId(raw)).toBeNull();
    },
  );
});
