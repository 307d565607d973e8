// Property tests: normalizing a normalized value must change nothing, or keys stored today would
// stop matching keys computed from them tomorrow.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looseEmailKey, normalizeEmail } from "./normalize-email";
import { type CountryCode, normalizePhone } from "./normalize-phone";

const localPart = fc.stringMatching(/^[A-Za-z0-9._+\-' ]{0,12}$/);
const domain = fc.constantFrom(
  "example.com",
  "Example.ORG",
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "ymail.com",
  "outlook.com",
  "icloud.com",
  "mail.example.co.uk",
);
const decoration = fc.constantFrom("", " ", "\u00A0", "mailto:", "<", ">", "\u200B", ".");
const emailLike = fc
  .tuple(decoration, localPart, fc.constantFrom("@", "@@", ""), domain, decoration)
  .map(([before, local, at, host, after]) => `${before}${local}${at}${host}${after}`);
const anyText = fc.oneof(emailLike, fc.string(), fc.string({ unit: "grapheme" }));

const region = fc.constantFrom<CountryCode>("US", "CA", "GB", "DE", "FR", "AU", "NU");
const phoneLike = fc.oneof(
  fc.stringMatching(/^[+]?[0-9 ().-]{0,18}( ?x[0-9]{1,4})?$/),
  fc.string({ unit: "grapheme-ascii" }),
);

describe("normalizeEmail", () => {
  it("does return its own output unchanged", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const once = normalizeEmail(raw);
        expect(normalizeEmail(once)).toBe(once);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("looseEmailKey", () => {
  it("does return its own output unchanged, and a plausible email for one", () => {
    fc.assert(
      fc.property(emailLike, (raw) => {
        const email = normalizeEmail(raw);
        if (email === null) return;
        const key = looseEmailKey(email);
        expect(looseEmailKey(key)).toBe(key);
        expect(normalizeEmail(key)).toBe(key);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("normalizePhone", () => {
  it("does return an E.164 result unchanged, whatever the default region", () => {
    fc.assert(
      fc.property(phoneLike, region, region, (raw, parseRegion, reparseRegion) => {
        const e164 = normalizePhone(raw, parseRegion);
        if (e164 === null) return;
        expect(e164).toMatch(/^\+[1-9][0-9]{1,14}$/);
        expect(normalizePhone(e164, reparseRegion)).toBe(e164);
      }),
      { numRuns: 2_000 },
    );
  });
});
