// E-Series status labels → the export's legacy codes (reference §1.8), used only when the code
// column is missing or empty. Labels vary in spelling and case; unknown labels give no code.

const PAYMENT: Record<string, string> = {
  paid: "ACCEPTED",
  "awaiting payment": "QUEUED",
  refunded: "REFUNDED",
  "partially refunded": "PARTIALLY_REFUNDED",
  canceled: "CANCELLED",
  cancelled: "CANCELLED",
  incomplete: "INCOMPLETE",
};

const FULFILLMENT: Record<string, string> = {
  "awaiting processing": "NEW",
  processing: "PROCESSING",
  shipped: "SHIPPED",
  delivered: "DELIVERED",
  "ready for pickup": "READY_FOR_PICKUP",
  returned: "RETURNED",
  "delivery canceled": "WILL_NOT_DELIVER",
  "delivery cancelled": "WILL_NOT_DELIVER",
  "will not deliver": "WILL_NOT_DELIVER",
};

export function paymentCodeFromLabel(label: string): string | null {
  return PAYMENT[label.trim().toLowerCase()] ?? null;
}

export function fulfillmentCodeFromLabel(label: string): string | null {
  return FULFILLMENT[label.trim().toLowerCase()] ?? null;
}
