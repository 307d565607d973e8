// The X-Series customer records behind a canonical customer: the ids its identities carry, and the
// columns of those records that the staff's profile and the app's summary both show.
import type { IdentityKind, Prisma } from "@greenloop/db";

/** The X-Series customer ids among a customer's identities, in their order. */
export function retailCustomerIdsOf(
  identities: ReadonlyArray<{ kind: IdentityKind; normalizedValue: string }>,
): string[] {
  return identities.filter((i) => i.kind === "RETAIL_CUSTOMER_ID").map((i) => i.normalizedValue);
}

/** Who the record is and what it holds for loyalty; a deleted record is kept, marked. */
export const retailCustomerColumns = {
  id: true,
  customerCode: true,
  firstName: true,
  lastName: true,
  loyaltyBalance: true,
  deletedAt: true,
} as const satisfies Prisma.RetailCustomerSelect;
