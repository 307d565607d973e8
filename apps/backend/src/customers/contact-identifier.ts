// An email or a phone number as the identity graph stores it: the key lookups and pins match on.
import { DomainError } from "@greenloop/order-sync/errors";
import { type CountryCode, normalizeEmail, normalizePhone } from "@greenloop/order-sync/identity";

export interface ContactQuery {
  email?: string | undefined;
  phone?: string | undefined;
}

export interface ContactIdentifier {
  kind: "EMAIL" | "PHONE";
  /** Normalized: a lower-cased email, or a phone in E.164. */
  value: string;
}

/** Exactly one of `email` / `phone`, normalized; anything else is the caller's mistake. */
export function contactIdentifierOf(
  query: ContactQuery,
  defaultRegion: CountryCode,
): ContactIdentifier {
  if ((query.email === undefined) === (query.phone === undefined)) {
    throw new DomainError("BAD_INPUT", "Give exactly one of an email or a phone number.");
  }
  if (query.email !== undefined) {
    const value = normalizeEmail(query.email);
    if (!value) throw new DomainError("BAD_INPUT", "The email is not a valid email address.");
    return { kind: "EMAIL", value };
  }
  const value = normalizePhone(query.phone, defaultRegion);
  if (!value) {
    throw new DomainError(
      "BAD_INPUT",
      `The phone is not a possible phone number (numbers without a country code are read as ${defaultRegion}).`,
    );
  }
  return { kind: "PHONE", value };
}
