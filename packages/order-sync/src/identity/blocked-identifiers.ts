// Values that must never link two customers: placeholders typed into required fields and the
// store's own contact details (a false merge is a privacy incident, a false split is not).
import type { Identifier } from "./identifier-kind";
import { looseEmailKey, normalizeEmail } from "./normalize-email";
import { type CountryCode, nationalNumberOf, normalizePhone } from "./normalize-phone";
import { placeholderPhoneReason } from "./placeholder-phone";

export interface BlockedIdentifierRules {
  /** Whole addresses, e.g. `a@a.com`. Also matched on their loose key. */
  emails: string[];
  /** Local parts, compared without `.`, `-`, `_`, `/` and any `+tag` (`no.email+1@` = `noemail`). */
  emailLocalParts: string[];
  /** Domains, matched with their subdomains; a bare reserved TLD (`test`) matches `*.test`. */
  emailDomains: string[];
  /** Any format `normalizePhone` accepts. */
  phones: string[];
  storeEmails: string[];
  storePhones: string[];
}

export interface IdentifierBlocklist {
  /** The reason the identifier is blocked, or null when it may be matched on. */
  check(identifier: Identifier): string | null;
}

export interface IdentifierBlocklistOptions {
  /** Region for the configured phones written without a country code. */
  defaultRegion: CountryCode;
}

export const defaultBlockedIdentifierRules: Readonly<BlockedIdentifierRules> = Object.freeze({
  emails: ["a@a.com", "x@x.com", "abc@abc.com", "asdf@asdf.com", "no@email.com"],
  emailLocalParts: [
    "noemail",
    "no-email",
    "nomail",
    "none",
    "na",
    "n/a",
    "null",
    "test",
    "unknown",
    "noreply",
    "no-reply",
    "donotreply",
    "customer",
    "email",
    "anonymous",
  ],
  // email.com, mail.com and me.com are real providers and stay matchable. The reserved TLDs
  // (RFC 2606) never reach a real customer. example.com/.net/.org are reserved too, but they are
  // where demo and simulated stores put their fake customers, so they stay matchable; a real
  // store's placeholder there is still caught by the many-customers limit.
  emailDomains: [
    "test.com",
    "none.com",
    "noemail.com",
    "nomail.com",
    "no-email.com",
    "example",
    "invalid",
    "localhost",
    "test",
  ],
  phones: [],
  storeEmails: [],
  storePhones: [],
});

/**
 * Each list given in `rules` replaces the default list of that name; to extend a default, spread
 * it (`{ emailDomains: [...defaultBlockedIdentifierRules.emailDomains, "shop.test"] }`).
 * Configured values are normalized once here, so they match however they were written.
 */
export function createIdentifierBlocklist(
  rules: Partial<BlockedIdentifierRules>,
  options: IdentifierBlocklistOptions,
): IdentifierBlocklist {
  const pick = (name: keyof BlockedIdentifierRules) =>
    rules[name] ?? defaultBlockedIdentifierRules[name];
  const { defaultRegion } = options;

  const blockedEmails = emailKeySet(pick("emails"));
  const storeEmails = emailKeySet(pick("storeEmails"));
  const localParts = localPartMap(pick("emailLocalParts"));
  const domains = pick("emailDomains").map((domain) =>
    domain.trim().toLowerCase().replace(/^@/u, ""),
  );
  const blockedPhones = phoneSet(pick("phones"), defaultRegion);
  const storePhones = phoneSet(pick("storePhones"), defaultRegion);

  function checkEmail(value: string): string | null {
    const exact = normalizeEmail(value);
    if (exact === null) return "not a plausible email";
    const loose = looseEmailKey(exact);
    if (storeEmails.has(exact) || storeEmails.has(loose)) return "store's own email";
    if (blockedEmails.has(exact) || blockedEmails.has(loose)) return "blocked email";
    // Both spellings: the loose key cuts Yahoo's `-tag`, which would hide `no-email@`.
    for (const address of [exact, loose]) {
      const placeholder = localParts.get(comparableLocalPart(localPartOf(address)));
      if (placeholder !== undefined) return `placeholder email local part "${placeholder}"`;
    }
    const domain = exact.slice(exact.lastIndexOf("@") + 1);
    const blockedDomain = domains.find((d) => domain === d || domain.endsWith(`.${d}`));
    return blockedDomain === undefined ? null : `placeholder email domain "${blockedDomain}"`;
  }

  function checkPhone(value: string): string | null {
    const e164 = normalizePhone(value, defaultRegion);
    if (e164 === null) return "not a possible phone number";
    if (storePhones.has(e164)) return "store's own phone";
    if (blockedPhones.has(e164)) return "blocked phone";
    const national = nationalNumberOf(e164);
    return national === null ? "not a possible phone number" : placeholderPhoneReason(national);
  }

  return {
    check(identifier) {
      switch (identifier.kind) {
        case "EMAIL":
        case "EMAIL_LOOSE":
          return checkEmail(identifier.value);
        case "PHONE":
          return checkPhone(identifier.value);
        case "RETAIL_CUSTOMER_ID":
          // Lightspeed issues these ids itself; they identify exactly one record.
          return null;
      }
    },
  };
}

// Exact and loose keys together, so `s.hop+web@gmail.com` is recognised as the store's `shop@gmail.com`.
function emailKeySet(raw: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const value of raw) {
    const email = normalizeEmail(value);
    if (email === null) continue;
    keys.add(email);
    keys.add(looseEmailKey(email));
  }
  return keys;
}

function phoneSet(raw: readonly string[], defaultRegion: CountryCode): Set<string> {
  const phones = new Set<string>();
  for (const value of raw) {
    const phone = normalizePhone(value, defaultRegion);
    if (phone !== null) phones.add(phone);
  }
  return phones;
}

// Keyed by the comparable form; the first spelling configured is the one reasons quote.
function localPartMap(raw: readonly string[]): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of raw) {
    const key = comparableLocalPart(part);
    if (key !== "" && !parts.has(key)) parts.set(key, part.trim().toLowerCase());
  }
  return parts;
}

function localPartOf(address: string): string {
  return address.slice(0, address.lastIndexOf("@"));
}

function comparableLocalPart(local: string): string {
  const untagged = local.trim().toLowerCase().split("+")[0] ?? "";
  return untagged.replace(/[._\-/]/gu, "");
}
