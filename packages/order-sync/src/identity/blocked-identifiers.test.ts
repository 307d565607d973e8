import { describe, expect, it } from "vitest";
import { createIdentifierBlocklist, defaultBlockedIdentifierRules } from "./blocked-identifiers";

const blocklist = createIdentifierBlocklist(
  {
    storeEmails: [" Orders@GreenShop.Example.net ", "shop.owner@gmail.com"],
    storePhones: ["(615) 555-0199"],
    phones: ["615.555.0188"],
    emails: ["Shared.Family@example.co"],
  },
  { defaultRegion: "US" },
);
const email = (value: string) => blocklist.check({ kind: "EMAIL", value });
const phone = (value: string) => blocklist.check({ kind: "PHONE", value });

describe("createIdentifierBlocklist", () => {
  it.each([
    ["noemail@store.test.example.co", 'placeholder email local part "noemail"'],
    ["noemail@shop.co", 'placeholder email local part "noemail"'],
    ["no.email@gmail.com", 'placeholder email local part "noemail"'],
    ["no-email@yahoo.com", 'placeholder email local part "noemail"'],
    ["noemail+123@shop.co", 'placeholder email local part "noemail"'],
    ["no_reply@shop.co", 'placeholder email local part "noreply"'],
    ["do-not-reply@shop.co", 'placeholder email local part "donotreply"'],
    ["n/a@shop.co", 'placeholder email local part "na"'],
    ["none@email.com", 'placeholder email local part "none"'],
    ["test@shop.co", 'placeholder email local part "test"'],
    ["customer@shop.co", 'placeholder email local part "customer"'],
    ["jane@mail.example", 'placeholder email domain "example"'],
    ["jane@test.com", 'placeholder email domain "test.com"'],
    ["jane@none.com", 'placeholder email domain "none.com"'],
    ["jane@shop.test", 'placeholder email domain "test"'],
    ["jane@shop.invalid", 'placeholder email domain "invalid"'],
    ["shared.family@example.co", "blocked email"],
    ["shared.family+x@example.co", "blocked email"],
    ["orders@greenshop.example.net", "store's own email"],
    ["ORDERS+web@greenshop.example.net", "store's own email"],
    ["shopowner@googlemail.com", "store's own email"],
    ["not an email", "not a plausible email"],
  ])("does block the email %j: %s", (value, reason) => {
    expect(email(value)).toBe(reason);
  });

  it.each([
    "jane.doe@email.com",
    "jane.doe@mail.com",
    "jane@me.com",
    "jane.doe@gmail.com",
    "testa@shop.co",
    "customer.care.jane@shop.co",
    "jane@example.co",
    "jane@notexample.com",
  ])("does allow the email %j", (value) => {
    expect(email(value)).toBeNull();
  });

  it("does block the default placeholder addresses unless the list is replaced", () => {
    const defaults = createIdentifierBlocklist({}, { defaultRegion: "US" });
    expect(defaults.check({ kind: "EMAIL", value: "A@A.com" })).toBe("blocked email");
    expect(defaults.check({ kind: "EMAIL", value: "no@email.com" })).toBe("blocked email");
    expect(email("a@a.com")).toBeNull();
  });

  it("does apply the email rules to loose keys", () => {
    expect(blocklist.check({ kind: "EMAIL_LOOSE", value: "shopowner@gmail.com" })).toBe(
      "store's own email",
    );
    expect(blocklist.check({ kind: "EMAIL_LOOSE", value: "noemail@shop.co" })).toBe(
      'placeholder email local part "noemail"',
    );
    expect(blocklist.check({ kind: "EMAIL_LOOSE", value: "janedoe@gmail.com" })).toBeNull();
  });

  it.each([
    ["+16155550199", "store's own phone"],
    ["615-555-0199", "store's own phone"],
    ["+16155550188", "blocked phone"],
    ["+10000000000", "all-zero phone"],
    ["+11111111111", "repeated-digit phone"],
    ["+15555555555", "repeated-digit phone"],
    ["+11234567890", "sequential test phone"],
    ["+10123456789", "sequential test phone"],
    ["+6831234", "too-short phone"],
    ["n/a", "not a possible phone number"],
  ])("does block the phone %j: %s", (value, reason) => {
    expect(phone(value)).toBe(reason);
  });

  it.each(["+16155550101", "+16155550100", "+442079460958"])("does allow the phone %j", (value) => {
    expect(phone(value)).toBeNull();
  });

  it("does never block a retail customer id", () => {
    for (const value of ["null", "0", "a@a.com", "0000000000"]) {
      expect(blocklist.check({ kind: "RETAIL_CUSTOMER_ID", value })).toBeNull();
    }
  });

  it("does replace a default list that is given, and keep the others", () => {
    const custom = createIdentifierBlocklist(
      { emailDomains: [...defaultBlockedIdentifierRules.emailDomains, "@Shop.CO"] },
      { defaultRegion: "US" },
    );
    expect(custom.check({ kind: "EMAIL", value: "jane@shop.co" })).toBe(
      'placeholder email domain "shop.co"',
    );
    expect(custom.check({ kind: "EMAIL", value: "noemail@other.co" })).toBe(
      'placeholder email local part "noemail"',
    );

    const fixtures = createIdentifierBlocklist({ emailDomains: [] }, { defaultRegion: "US" });
    expect(fixtures.check({ kind: "EMAIL", value: "jane.doe@example.com" })).toBeNull();
    expect(fixtures.check({ kind: "EMAIL", value: "noemail@example.com" })).toBe(
      'placeholder email local part "noemail"',
    );
  });

  it("does read configured phones in the default region", () => {
    const uk = createIdentifierBlocklist(
      { storePhones: ["020 7946 0958"] },
      { defaultRegion: "GB" },
    );
    expect(uk.check({ kind: "PHONE", value: "+442079460958" })).toBe("store's own phone");
  });

  it("does ignore configured values that do not normalize", () => {
    const lenient = createIdentifierBlocklist(
      { storeEmails: ["", "n/a"], storePhones: ["none", "12"] },
      { defaultRegion: "US" },
    );
    expect(lenient.check({ kind: "EMAIL", value: "jane@shop.co" })).toBeNull();
    expect(lenient.check({ kind: "PHONE", value: "+16155550101" })).toBeNull();
  });

  it("does not block email.com, a real provider", () => {
    expect(defaultBlockedIdentifierRules.emailDomains).not.toContain("email.com");
  });
});
