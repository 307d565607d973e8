// The staff's "who is this email / phone?" in the app's shape: one customer's summary and first
// page of orders, or, for an identifier several people share (a family email), every carrier's
// summary and the flag, never a guess between them.
import type { Database, IdentityKind } from "@greenloop/db";
import type { CountryCode } from "@greenloop/order-sync/identity";
import { type ContactQuery, contactIdentifierOf } from "./contact-identifier";
import { type CustomerOrdersPage, listCustomerOrders } from "./customer-orders";
import { type CustomerSummary, loadCustomerSummaries } from "./customer-summary";
import { findContactCarriers } from "./find-contact-carriers";

export type CustomerSummaryLookup =
  | { match: "none" }
  | { match: "one"; summary: CustomerSummary; orders: CustomerOrdersPage }
  | {
      match: "shared";
      customers: CustomerSummary[];
      flagged: { kind: IdentityKind; value: string; reason: string | null };
    };

export async function lookupCustomerSummary(
  db: Pick<Database, "prisma">,
  query: ContactQuery,
  options: { defaultRegion: CountryCode; ordersLimit: number },
): Promise<CustomerSummaryLookup> {
  const identifier = contactIdentifierOf(query, options.defaultRegion);
  const { matchedOn, carriers } = await findContactCarriers(db, identifier);
  const ids = carriers.map((c) => c.customerId);
  const summaries = await loadCustomerSummaries(db, ids);
  const found = ids.flatMap((id) => {
    const summary = summaries.get(id);
    return summary ? [summary] : [];
  });
  const [first] = found;
  if (!first) return { match: "none" };
  if (found.length === 1) {
    return {
      match: "one",
      summary: first,
      orders: await listCustomerOrders(db, {
        customerId: first.customerId,
        limit: options.ordersLimit,
      }),
    };
  }
  return {
    match: "shared",
    customers: found,
    flagged: {
      ...matchedOn,
      reason: carriers.find((c) => c.blockedReason !== null)?.blockedReason ?? null,
    },
  };
}
