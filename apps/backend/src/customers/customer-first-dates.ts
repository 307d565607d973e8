// Two different "since" dates of a customer, kept apart because staff read them differently: the
// first order (when they started buying) and when the system first saw them (a record or an
// identifier, possibly years after their first purchase when history was backfilled, or before
// any purchase for an X-Series customer who never bought).
import type { Database } from "@greenloop/db";

export interface CustomerFirstDates {
  /** The earliest order that counts (not voided or cancelled); null without one. */
  firstOrderAt: Date | null;
  /** The earliest of the customer's own creation, any customer merged into it, and its identifiers. */
  firstSeenAt: Date;
}

export async function loadCustomerFirstDates(
  db: Pick<Database, "prisma">,
  customer: { id: string; createdAt: Date },
): Promise<CustomerFirstDates> {
  const [orders, mergedFrom, identities] = await Promise.all([
    db.prisma.order.aggregate({
      where: { customerId: customer.id, countsInAnalytics: true },
      _min: { placedAt: true },
    }),
    // A merge keeps the survivor's row, which may be younger than the customer it absorbed.
    db.prisma.customer.aggregate({
      where: { mergedIntoId: customer.id },
      _min: { createdAt: true },
    }),
    db.prisma.customerIdentity.aggregate({
      where: { customerId: customer.id },
      _min: { firstSeenAt: true },
    }),
  ]);
  const seen = [customer.createdAt, mergedFrom._min.createdAt, identities._min.firstSeenAt].filter(
    (date): date is Date => date instanceof Date,
  );
  return {
    firstOrderAt: orders._min.placedAt ?? null,
    firstSeenAt: new Date(Math.min(...seen.map((date) => date.getTime()))),
  };
}
