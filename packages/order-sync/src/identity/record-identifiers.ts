// Turns one contact's raw identity fields into the identifiers it may be matched on.
import type { IdentifierBlocklist } from "./blocked-identifiers";
import { compareIdentifiers, type Identifier, identifierKey } from "./identifier-kind";
import { looseEmailKey, normalizeEmail } from "./normalize-email";
import { type CountryCode, normalizePhone } from "./normalize-phone";
import { isPlaceholderValue } from "./placeholder-values";

export interface ContactIdentityFields {
  email?: string | null;
  phones?: Array<string | null | undefined>;
  retailCustomerId?: string | null;
}

export interface IdentifiersOfContactOptions {
  defaultRegion: CountryCode;
  /** Also emit EMAIL_LOOSE keys (Gmail dots, `+tags`, …). */
  looseEmails: boolean;
  blocklist: IdentifierBlocklist;
}

export interface BlockedIdentifier extends Identifier {
  reason: string;
}

export interface ContactIdentifiers {
  /** Deduplicated, ordered RETAIL_CUSTOMER_ID, EMAIL, PHONE, EMAIL_LOOSE, then by value. */
  identifiers: Identifier[];
  /** Same order; kept so a merge decision can show what was ignored and why. */
  blocked: BlockedIdentifier[];
}

/**
 * Lightspeed's id, trimmed but otherwise verbatim (ids are case-sensitive); placeholder text
 * ("null", "undefined", "-1", …) that exports write for a missing id gives null.
 */
export function normalizeRetailCustomerId(raw: string | null | undefined): string | null {
  if (raw == null || isPlaceholderValue(raw)) return null;
  return raw.trim();
}

export function identifiersOfContact(
  contact: ContactIdentityFields,
  options: IdentifiersOfContactOptions,
): ContactIdentifiers {
  const { defaultRegion, looseEmails, blocklist } = options;
  const candidates: Identifier[] = [];

  const retailCustomerId = normalizeRetailCustomerId(contact.retailCustomerId);
  if (retailCustomerId !== null)
    candidates.push({ kind: "RETAIL_CUSTOMER_ID", value: retailCustomerId });

  const email = normalizeEmail(contact.email);
  let emailBlockedReason: string | null = null;
  if (email !== null) {
    candidates.push({ kind: "EMAIL", value: email });
    emailBlockedReason = blocklist.check({ kind: "EMAIL", value: email });
    // Emitted even when equal to the exact email: another record may spell the same mailbox
    // differently, and the two only meet on this key.
    if (looseEmails) candidates.push({ kind: "EMAIL_LOOSE", value: looseEmailKey(email) });
  }

  for (const raw of contact.phones ?? []) {
    const phone = normalizePhone(raw, defaultRegion);
    if (phone !== null) candidates.push({ kind: "PHONE", value: phone });
  }

  const unique = new Map(candidates.map((id) => [identifierKey(id), id]));
  const identifiers: Identifier[] = [];
  const blocked: BlockedIdentifier[] = [];
  for (const id of [...unique.values()].sort(compareIdentifiers)) {
    // A blocked email takes its loose key with it: the loose key is only weaker evidence of the
    // same address, never a way around the block.
    const reason =
      id.kind === "EMAIL_LOOSE" && emailBlockedReason !== null
        ? emailBlockedReason
        : blocklist.check(id);
    if (reason === null) identifiers.push(id);
    else blocked.push({ ...id, reason });
  }
  return { identifiers, blocked };
}
