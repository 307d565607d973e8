// The identifier kinds a customer can be matched on, and one stable ordering of them.

export type IdentifierKind = "EMAIL" | "EMAIL_LOOSE" | "PHONE" | "RETAIL_CUSTOMER_ID";

export interface Identifier {
  kind: IdentifierKind;
  value: string;
}

/** One string per identifier, usable as a map key or a unique database column. */
export function identifierKey(id: Identifier): string {
  return `${id.kind}:${id.value}`;
}

// Strongest evidence first; the loose email key is the weakest and goes last.
const kindOrder: Record<IdentifierKind, number> = {
  RETAIL_CUSTOMER_ID: 0,
  EMAIL: 1,
  PHONE: 2,
  EMAIL_LOOSE: 3,
};

/**
 * Orders by kind, then by value in code-unit order. `localeCompare` is avoided on purpose: its
 * result depends on the runtime's ICU data, and the order must be the same on every machine.
 */
export function compareIdentifiers(a: Identifier, b: Identifier): number {
  const byKind = kindOrder[a.kind] - kindOrder[b.kind];
  if (byKind !== 0) return byKind;
  if (a.value === b.value) return 0;
  return a.value < b.value ? -1 : 1;
}
