// The inputs and outputs of identity resolution: source records with their normalized
// identifiers in, canonical customers (clusters of records) with the evidence that joined them out.
import type { Identifier, IdentifierKind } from "../identity/identifier-kind";

/**
 * One source record that describes a person: an X-Series customer, or a canonical order (an
 * in-store sale's customer id, an eCom order's email and phone, or both once it synced).
 */
export interface IdentityRecord {
  /** `retail_customer:<id>` or `order:<order key>`; unique and stable. */
  key: string;
  kind: "retail_customer" | "order";
  /** Normalized and not blocked (the blocklist is applied before resolution). */
  identifiers: Identifier[];
}

/** An operator's decision: records carrying this identifier belong to this customer. */
export interface IdentityPin {
  kind: IdentifierKind;
  value: string;
  customerId: string;
}

export type LinkReason =
  | "same X-Series customer"
  | "same email"
  | "same phone"
  | "same email under provider rules"
  | "pinned to the same customer";

/** Why two records are one customer: the identifier they share. */
export interface IdentityLink {
  from: string;
  to: string;
  kind: IdentifierKind;
  value: string;
  reason: LinkReason;
}

export type FlagReason = "placeholder" | "shared";

/** An identifier that links nothing, for review: what it is, why, and which records carry it. */
export interface FlaggedIdentifier {
  kind: IdentifierKind;
  value: string;
  reason: FlagReason;
  /** Human-readable detail: the limit exceeded or the conflicting records. */
  detail: string;
  /** Every record in the input that carries it (sorted). */
  records: string[];
}

export interface ResolvedCustomer {
  /** Sorted record keys: the customer's identity, independent of arrival order. */
  records: string[];
  /** Every identifier its records carry, sorted (shared ones included: lookups must find them). */
  identifiers: Identifier[];
  /** A spanning set of links that explains why these records are one customer. */
  links: IdentityLink[];
  /** The customer id an operator pinned this cluster to, if any. */
  pinnedCustomerId: string | null;
}

export interface IdentityResolution {
  customers: ResolvedCustomer[];
  flagged: FlaggedIdentifier[];
}
