// Whose phone a CUSTOMER device is. The app registers a device under its user id (an email or a
// phone); it is normalized the way identity resolution normalizes contacts, so it meets the
// customer's identities. A device belongs to a customer only when that customer is the sole,
// unflagged carrier of the user id (the `me.*` rule): a family mailbox's phones get nobody's pushes.
import type { Database, IdentityKind } from "@greenloop/db";
import {
  type CountryCode,
  looseEmailKey,
  normalizeEmail,
  normalizePhone,
} from "@greenloop/order-sync/identity";
import { findContactCarriers } from "../../customers/find-contact-carriers";

export interface PushTokenUserKeys {
  userKind: IdentityKind | null;
  userKey: string | null;
  userLooseKey: string | null;
}

/** The normalized keys of the app's user id; all null when it is neither an email nor a phone. */
export function pushTokenUserKeysOf(
  userId: string | null | undefined,
  phoneRegion: CountryCode,
): PushTokenUserKeys {
  const email = userId?.includes("@") ? normalizeEmail(userId) : null;
  if (email) return { userKind: "EMAIL", userKey: email, userLooseKey: looseEmailKey(email) };
  const phone = normalizePhone(userId, phoneRegion);
  if (phone) return { userKind: "PHONE", userKey: phone, userLooseKey: null };
  return { userKind: null, userKey: null, userLooseKey: null };
}

/**
 * Opted-in, enabled CUSTOMER devices whose user the customer alone carries: the customer's own
 * phones, never another customer's and never a staff device.
 */
export async function listCustomerPushTokens(
  db: Pick<Database, "prisma">,
  customerId: string,
): Promise<string[]> {
  const identities = await db.prisma.customerIdentity.findMany({
    where: { customerId, kind: { in: ["EMAIL", "EMAIL_LOOSE", "PHONE"] } },
    select: { kind: true, normalizedValue: true },
  });
  const valuesOf = (kinds: IdentityKind[]) =>
    identities.filter((i) => kinds.includes(i.kind)).map((i) => i.normalizedValue);
  const exact = valuesOf(["EMAIL", "PHONE"]);
  const loose = valuesOf(["EMAIL_LOOSE"]);
  if (exact.length === 0 && loose.length === 0) return [];
  const candidates = await db.prisma.pushToken.findMany({
    where: {
      audience: "CUSTOMER",
      optedIn: true,
      disabledAt: null,
      OR: [{ userKey: { in: exact } }, { userLooseKey: { in: loose } }],
    },
    select: { token: true, userKind: true, userKey: true },
    orderBy: { token: "asc" },
  });
  const owners = new Map<string, string | null>();
  const tokens: string[] = [];
  for (const candidate of candidates) {
    const { userKind, userKey } = candidate;
    if (!userKey || (userKind !== "EMAIL" && userKind !== "PHONE")) continue;
    const ownerKey = `${userKind}:${userKey}`;
    if (!owners.has(ownerKey)) {
      owners.set(ownerKey, await soleCarrierOf(db, { kind: userKind, value: userKey }));
    }
    if (owners.get(ownerKey) === customerId) tokens.push(candidate.token);
  }
  return tokens;
}

async function soleCarrierOf(
  db: Pick<Database, "prisma">,
  identifier: { kind: "EMAIL" | "PHONE"; value: string },
): Promise<string | null> {
  const { carriers } = await findContactCarriers(db, identifier);
  const [only, ...others] = carriers;
  return only && others.length === 0 && !only.blocked ? only.customerId : null;
}
