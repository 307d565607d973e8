// eCom status codes → what they mean for an order (ecom-csv.md §1.8). Both the export's legacy
// codes and the REST API v3 codes are listed; labels are only a fallback because shops can
// translate or rename them, and the label tables live with the CSV parser.
import { fulfillmentCodeFromLabel, paymentCodeFromLabel } from "../csv/formats/ecwid";

export type EcomPaymentOutcome =
  | "PAID"
  | "AWAITING_PAYMENT"
  | "CANCELLED"
  | "REFUNDED"
  | "PARTIALLY_REFUNDED";

const paymentOutcomeByCode: Record<string, EcomPaymentOutcome> = {
  ACCEPTED: "PAID", // legacy export code
  PAID: "PAID", // API v3
  QUEUED: "AWAITING_PAYMENT", // legacy export code
  AWAITING_PAYMENT: "AWAITING_PAYMENT", // API v3
  // Abandoned checkouts: not paid, so nothing to count as completed yet.
  INCOMPLETE: "AWAITING_PAYMENT",
  CANCELLED: "CANCELLED",
  REFUNDED: "REFUNDED",
  PARTIALLY_REFUNDED: "PARTIALLY_REFUNDED",
};

// Fulfillment codes we know (legacy and API v3); a known code is trusted over its label. Only
// WILL_NOT_DELIVER changes the order's fate, the rest are shipping progress.
const knownFulfillmentCodes = new Set([
  "NEW",
  "AWAITING_PROCESSING",
  "PROCESSING",
  "SHIPPED",
  "DELIVERED",
  "READY_FOR_PICKUP",
  "RETURNED",
  "WILL_NOT_DELIVER",
]);
const deliveryCancelledCode = "WILL_NOT_DELIVER";

function paymentOutcomeOfCode(code: string | null): EcomPaymentOutcome | null {
  if (code === null) return null;
  return paymentOutcomeByCode[code.trim().toUpperCase()] ?? null;
}

/** What the payment status means, from the code, else the label; `null` when neither is known. */
export function classifyEcomPayment(
  code: string | null,
  label: string | null,
): EcomPaymentOutcome | null {
  return (
    paymentOutcomeOfCode(code) ??
    (label === null ? null : paymentOutcomeOfCode(paymentCodeFromLabel(label)))
  );
}

/** Whether the fulfillment status says the order will never be delivered (code, else label). */
export function isEcomDeliveryCancelled(code: string | null, label: string | null): boolean {
  const normalized = code?.trim().toUpperCase() ?? "";
  if (knownFulfillmentCodes.has(normalized)) return normalized === deliveryCancelledCode;
  return label !== null && fulfillmentCodeFromLabel(label) === deliveryCancelledCode;
}
