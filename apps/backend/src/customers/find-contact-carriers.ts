// The live customers carrying an email or phone: the exact key first, then (emails only) the loose
// key another spelling of the same mailbox shares. Several carriers mean a shared identifier (a
// family email): callers must never pick one of them.
import type { Database, IdentityKind } from "@greenloop/db";
import { looseEmailKey } from "@greenloop/order-sync/identity";
import type { ContactIdentifier } from "./contact-identifier";

export interface ContactCarrier {
  customerId: string;
  /** The identity is flagged (shared between people, or a placeholder). */
  blocked: boolean;
  blockedReason: string | null;
}

export interface ContactCarriers {
  /** The key that matched (the loose email key when only that matched). */
  matchedOn: { kind: IdentityKind; value: string };
  /** Sorted by customer id; empty when nobody carries the identifier. */
  carriers: ContactCarrier[];
}

export async function findContactCarriers(
  db: Pick<Database, "prisma">,
  identifier: ContactIdentifier,
): Promise<ContactCarriers> {
  const find = (kind: IdentityKind, value: string) =>
    db.prisma.customerIdentity.findMany({
      where: {
        kind,
        normalizedValue: value,
        customer: { mergedIntoId: null, erasedAt: null },
      },
      select: { customerId: true, blocked: true, blockedReason: true },
      orderBy: { customerId: "asc" },
    });
  const exact = await find(identifier.kind, identifier.value);
  if (exact.length > 0 || identifier.kind !== "EMAIL") {
    return { matchedOn: identifier, carriers: exact };
  }
  const loose = looseEmailKey(identifier.value);
  return {
    matchedOn: { kind: "EMAIL_LOOSE", value: loose },
    carriers: await find("EMAIL_LOOSE", loose),
  };
}
