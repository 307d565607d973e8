// "Who is this email / phone?": the one lookup behind the staff's app-shaped lookup and the CLI's.
// The live customers carrying the identifier (find-contact-carriers.ts), loaded the way the caller
// shows customers. An identifier several people carry (a family email) answers with every one of
// them and the flag, never a guess between them: guessing would show one person another's
// purchases.
import type { Database, IdentityKind } from "@greenloop/db";
import type { CountryCode } from "@greenloop/order-sync/identity";
import { type ContactQuery, contactIdentifierOf } from "./contact-identifier";
import { findContactCarriers } from "./find-contact-carriers";

export type ContactLookup<T> =
  | { match: "none" }
  | { match: "one"; customer: T }
  | {
      match: "shared";
      customers: T[];
      flagged: { kind: IdentityKind; value: string; reason: string | null };
    };

export async function lookupContact<T>(
  db: Pick<Database, "prisma">,
  query: ContactQuery,
  options: {
    defaultRegion: CountryCode;
    /** The carriers as the caller shows them, by customer id (a vanished id is left out). */
    load: (customerIds: string[]) => Promise<ReadonlyMap<string, T>>;
  },
): Promise<ContactLookup<T>> {
  const identifier = contactIdentifierOf(query, options.defaultRegion);
  const { matchedOn, carriers } = await findContactCarriers(db, identifier);
  if (carriers.length === 0) return { match: "none" };
  const ids = carriers.map((carrier) => carrier.customerId);
  const loaded = await options.load(ids);
  const found = ids.flatMap((id) => {
    const customer = loaded.get(id);
    return customer === undefined ? [] : [customer];
  });
  const [first] = found;
  if (first === undefined) return { match: "none" };
  if (found.length === 1) return { match: "one", customer: first };
  return {
    match: "shared",
    customers: found,
    flagged: {
      ...matchedOn,
      reason: carriers.find((carrier) => carrier.blockedReason !== null)?.blockedReason ?? null,
    },
  };
}
