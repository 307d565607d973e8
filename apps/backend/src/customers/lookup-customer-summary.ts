// The staff's "who is this email / phone?" in the app's shape: one customer's summary and first
// page of orders, or, for an identifier several people share (a family email), every carrier's
// summary and the flag (lookup-contact.ts).
import type { Database, IdentityKind } from "@greenloop/db";
import type { CountryCode } from "@greenloop/order-sync/identity";
import type { ContactQuery } from "./contact-identifier";
import { type CustomerOrdersPage, listCustomerOrders } from "./customer-orders";
import { type CustomerSummary, loadCustomerSummaries } from "./customer-summary";
import { lookupContact } from "./lookup-contact";

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
  const found = await lookupContact(db, query, {
    defaultRegion: options.defaultRegion,
    load: (ids) => loadCustomerSummaries(db, ids),
  });
  if (found.match !== "one") return found;
  return {
    match: "one",
    summary: found.customer,
    orders: await listCustomerOrders(db, {
      customerId: found.customer.customerId,
      limit: options.ordersLimit,
    }),
  };
}
