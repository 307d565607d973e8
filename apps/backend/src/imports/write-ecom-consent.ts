// The consent answers of an import's chunk (the export's marketing column), stored beside the
// orders. Not part of an order's content hash: a newer export that changes only the answer still
// updates the consent (writeConsentObservations writes only what changed), and a repeat writes
// nothing.
import type { BulkSession } from "@greenloop/db";
import { consentOfEcomOrder } from "@greenloop/order-sync/consent";
import type { ParsedEcomOrder } from "@greenloop/order-sync/csv";
import { ecomOrderKey } from "@greenloop/order-sync/merge";
import { writeConsentObservations } from "../consent/write-consent";
import { orderRecordKey } from "../merge/rebuild-orders";

export function writeEcomConsent(
  client: Pick<BulkSession, "query">,
  orders: ReadonlyArray<{ order: ParsedEcomOrder }>,
): Promise<number> {
  return writeConsentObservations(
    client,
    orders.flatMap(({ order }) =>
      consentOfEcomOrder(order).map((observation) => ({
        ...observation,
        recordKey: orderRecordKey(ecomOrderKey(order.orderNumber)),
      })),
    ),
  );
}
