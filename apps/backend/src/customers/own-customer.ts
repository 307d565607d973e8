// A signed-in customer's own data: the customer carrying the session's proven email, resolved at
// every request (merges and splits since sign-in count). Policy for a shared email (a family
// mailbox carried by several customers, or flagged as shared): the session proves the mailbox, not
// which of its people is asking, so it gets `shared` and no one's figures or orders. Only a
// customer who is the sole, unflagged carrier of the email is shown.
import type { Database } from "@greenloop/db";
import { normalizeEmail } from "@greenloop/order-sync/identity";
import { type CustomerOrdersPage, listCustomerOrders } from "./customer-orders";
import { type CustomerSummary, loadCustomerSummary } from "./customer-summary";
import { findContactCarriers } from "./find-contact-carriers";

export type OwnCustomer =
  | { match: "none" }
  | { match: "shared" }
  | { match: "one"; customerId: string };

type Db = Pick<Database, "prisma">;

export async function findOwnCustomer(db: Db, sessionEmail: string): Promise<OwnCustomer> {
  const email = normalizeEmail(sessionEmail);
  if (!email) return { match: "none" };
  // Exact email first, then another spelling of the same mailbox (Gmail dots, +tags): both are
  // addresses the session's owner receives mail at.
  const { carriers } = await findContactCarriers(db, { kind: "EMAIL", value: email });
  const [only, ...others] = carriers;
  if (!only) return { match: "none" };
  if (others.length > 0 || only.blocked) return { match: "shared" };
  return { match: "one", customerId: only.customerId };
}

export type OwnSummary =
  | { match: "none" }
  | { match: "shared" }
  | { match: "one"; summary: CustomerSummary };

export async function loadOwnSummary(db: Db, sessionEmail: string): Promise<OwnSummary> {
  const own = await findOwnCustomer(db, sessionEmail);
  if (own.match !== "one") return own;
  const summary = await loadCustomerSummary(db, own.customerId);
  return summary ? { match: "one", summary } : { match: "none" };
}

export type OwnOrders =
  | { match: "none" }
  | { match: "shared" }
  | ({ match: "one" } & CustomerOrdersPage);

export async function listOwnOrders(
  db: Db,
  input: { sessionEmail: string; limit: number; cursor?: string | undefined },
): Promise<OwnOrders> {
  const own = await findOwnCustomer(db, input.sessionEmail);
  if (own.match !== "one") return own;
  const page = await listCustomerOrders(db, {
    customerId: own.customerId,
    limit: input.limit,
    cursor: input.cursor,
  });
  return { match: "one", ...page };
}
