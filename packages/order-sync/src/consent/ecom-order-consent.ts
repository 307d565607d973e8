// Consent as an eCom order carries it: the customer's answer to the checkout's marketing question,
// as of the order's time. An export without the column, or a blank cell, says nothing.
import type { ParsedEcomOrder } from "../csv/ecom-order";
import { type ConsentObservation, ecomConsentSource } from "./consent-observation";

export function consentOfEcomOrder(
  order: Pick<ParsedEcomOrder, "orderNumber" | "placedAt" | "acceptsMarketing">,
): ConsentObservation[] {
  if (order.acceptsMarketing === null) return [];
  return [
    {
      channel: "email",
      status: order.acceptsMarketing ? "granted" : "denied",
      source: ecomConsentSource(order.orderNumber),
      observedAt: order.placedAt,
      // The checkout's box: ticked or not, the buyer's answer.
      isDefault: false,
    },
  ];
}
