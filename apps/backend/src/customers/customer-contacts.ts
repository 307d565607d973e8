// A customer with the contacts the identity graph gives them (emails, phones, X-Series records):
// how the CLI's lookup and a merge explanation name a customer.
import type { Database, IdentityKind } from "@greenloop/db";
import type { CustomerMetricsView } from "../analytics/customer-metrics-view";

export interface CustomerContacts {
  id: string;
  /** The analytics (null until the first analytics run has seen this customer). */
  metrics?: CustomerMetricsView | null;
  displayName: string | null;
  /** Normalized (trimmed, lower-case). */
  emails: string[];
  /** E.164. */
  phones: string[];
  retailCustomerIds: string[];
}

/** By customer id, in id order; ids that do not exist are absent. */
export async function loadCustomerContacts(
  db: Pick<Database, "prisma">,
  customerIds: string[],
): Promise<Map<string, CustomerContacts>> {
  const customers = await db.prisma.customer.findMany({
    where: { id: { in: customerIds } },
    select: {
      id: true,
      displayName: true,
      identities: {
        select: { kind: true, normalizedValue: true },
        orderBy: { normalizedValue: "asc" },
      },
    },
    orderBy: { id: "asc" },
  });
  return new Map(
    customers.map((customer) => {
      const values = (kind: IdentityKind) =>
        customer.identities.filter((i) => i.kind === kind).map((i) => i.normalizedValue);
      return [
        customer.id,
        {
          id: customer.id,
          displayName: customer.displayName,
          emails: values("EMAIL"),
          phones: values("PHONE"),
          retailCustomerIds: values("RETAIL_CUSTOMER_ID"),
        },
      ];
    }),
  );
}
