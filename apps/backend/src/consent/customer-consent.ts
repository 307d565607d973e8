// Customers' consent per channel as the staff read it (customers.byId, the customer exports): the
// effective status and which source said it when (effective-consent.ts has the rules).
import type { Database } from "@greenloop/db";
import type { ConsentChannel } from "@greenloop/order-sync/consent";
import { effectiveConsentSql } from "./effective-consent";

export type ConsentState = "granted" | "denied" | "unknown";

export interface ChannelConsent {
  status: ConsentState;
  /** `xseries:<customer id>` or `ecom:<order number>`; null when unknown. */
  source: string | null;
  /** The source's time for it; null when unknown. */
  observedAt: Date | null;
}

export type CustomerConsentView = Record<ConsentChannel, ChannelConsent>;

const channels: readonly ConsentChannel[] = ["email", "sms"];

const unknown = (): ChannelConsent => ({ status: "unknown", source: null, observedAt: null });

export const unknownConsent = (): CustomerConsentView => ({ email: unknown(), sms: unknown() });

/** Each customer's consent by channel; a customer no source speaks for is unknown on each. */
export async function loadCustomerConsents(
  db: Pick<Database, "prisma">,
  customerIds: readonly string[],
): Promise<Map<string, CustomerConsentView>> {
  const ids = [...new Set(customerIds)];
  const views = new Map(ids.map((id) => [id, unknownConsent()]));
  if (ids.length === 0) return views;
  const filter = `cc."customerId" = ANY($1::uuid[])`;
  const rows = await db.prisma.$queryRawUnsafe<
    Array<{
      channel: ConsentChannel;
      customerId: string;
      status: "granted" | "denied";
      source: string;
      observedAt: Date;
    }>
  >(
    channels
      .map(
        (channel) =>
          `SELECT '${channel}' AS channel, e."customerId"::text AS "customerId", e.status, e.source,
                  e."observedAt"
             FROM (${effectiveConsentSql(channel, filter)}) e`,
      )
      .join(" UNION ALL "),
    ids,
  );
  for (const row of rows) {
    const view = views.get(row.customerId);
    if (view)
      view[row.channel] = { status: row.status, source: row.source, observedAt: row.observedAt };
  }
  return views;
}
