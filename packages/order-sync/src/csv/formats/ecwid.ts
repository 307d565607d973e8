// The Lightspeed eCom E-Series (Ecwid) order export (reference: shared/reference/ecom-csv.md §1):
// one row per item with every order field repeated, times in the store's zone without an offset,
// legacy status codes next to their labels.
import type { ColumnMapping } from "../column-mapping";
import { defineEcomExportFormat, type StatusRule } from "./ecom-export-format";
import { exportTimeRule } from "./export-timestamps";

/** Lightspeed eCom E-Series (Ecwid) standard order-export columns, in export order (105). */
export const ECWID_ORDER_COLUMNS = [
  "order_number",
  "email",
  "sku",
  "name",
  "weight",
  "price",
  "total",
  "quantity",
  "options",
  "tax_details",
  "customer_tax_exempt",
  "customer_tax_id",
  "reversed_tax_applied",
  "timestamp",
  "shipto_person_name",
  "shipto_person_street_1",
  "shipto_person_street_2",
  "shipto_person_city",
  "shipto_person_country_code",
  "shipto_person_postal_code",
  "shipto_person_state_code",
  "shipto_person_country_name",
  "shipto_person_state_name",
  "shipto_person_phone",
  "bill_person_name",
  "bill_person_street_1",
  "bill_person_street_2",
  "bill_person_city",
  "bill_person_country_code",
  "bill_person_postal_code",
  "bill_person_state_code",
  "bill_person_country_name",
  "bill_person_state_name",
  "bill_person_phone",
  "customer_group",
  "payment_method",
  "shipping_method",
  "payment_status",
  "fulfillment_status",
  "payment_status_code",
  "fulfillment_status_code",
  "order_subtotal",
  "order_tax",
  "order_shipping",
  "order_handling_fee",
  "order_total",
  "order_tax_1_name",
  "order_tax_1_value",
  "order_tax_2_name",
  "order_tax_2_value",
  "order_tax_3_name",
  "order_tax_3_value",
  "order_tax_4_name",
  "order_tax_4_value",
  "order_tracking_number",
  "coupon_code",
  "coupon_discount",
  "volume_discount",
  "detail_discount",
  "discount",
  "order_weight",
  "order_comments",
  "affiliate_id",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_source_2",
  "utm_medium_2",
  "utm_campaign_2",
  "utm_source_3",
  "utm_medium_3",
  "utm_campaign_3",
  "utm_source_4",
  "utm_medium_4",
  "utm_campaign_4",
  "utm_source_5",
  "utm_medium_5",
  "utm_campaign_5",
  "utm_source_6",
  "utm_medium_6",
  "utm_campaign_6",
  "utm_source_7",
  "utm_medium_7",
  "utm_campaign_7",
  "utm_source_8",
  "utm_medium_8",
  "utm_campaign_8",
  "utm_source_9",
  "utm_medium_9",
  "utm_campaign_9",
  "utm_source_10",
  "utm_medium_10",
  "utm_campaign_10",
  "customer_ipaddress",
  "note_for_staff",
  "accept_marketing",
  "referer_id",
  "gift_card_redemption",
  "masked_gift_card_code",
  "pickup_time",
  "payment_transaction_id",
  "tips",
  "surcharges",
  "X-series Order ID",
  "language",
] as const;

/**
 * A real E-Series header line, verbatim (109 columns, `;`): the standard columns plus four of the
 * store's own checkout fields before `X-series Order ID`. Stores add their own, so map by name.
 */
export const ECWID_SAMPLE_HEADER_LINE =
  'order_number;email;sku;name;weight;price;total;quantity;options;tax_details;customer_tax_exempt;customer_tax_id;reversed_tax_applied;timestamp;shipto_person_name;shipto_person_street_1;shipto_person_street_2;shipto_person_city;shipto_person_country_code;shipto_person_postal_code;shipto_person_state_code;shipto_person_country_name;shipto_person_state_name;shipto_person_phone;bill_person_name;bill_person_street_1;bill_person_street_2;bill_person_city;bill_person_country_code;bill_person_postal_code;bill_person_state_code;bill_person_country_name;bill_person_state_name;bill_person_phone;customer_group;payment_method;shipping_method;payment_status;fulfillment_status;payment_status_code;fulfillment_status_code;order_subtotal;order_tax;order_shipping;order_handling_fee;order_total;order_tax_1_name;order_tax_1_value;order_tax_2_name;order_tax_2_value;order_tax_3_name;order_tax_3_value;order_tax_4_name;order_tax_4_value;order_tracking_number;coupon_code;coupon_discount;volume_discount;detail_discount;discount;order_weight;order_comments;affiliate_id;utm_source;utm_medium;utm_campaign;utm_source_2;utm_medium_2;utm_campaign_2;utm_source_3;utm_medium_3;utm_campaign_3;utm_source_4;utm_medium_4;utm_campaign_4;utm_source_5;utm_medium_5;utm_campaign_5;utm_source_6;utm_medium_6;utm_campaign_6;utm_source_7;utm_medium_7;utm_campaign_7;utm_source_8;utm_medium_8;utm_campaign_8;utm_source_9;utm_medium_9;utm_campaign_9;utm_source_10;utm_medium_10;utm_campaign_10;customer_ipaddress;note_for_staff;accept_marketing;referer_id;gift_card_redemption;masked_gift_card_code;pickup_time;payment_transaction_id;tips;surcharges;Pickup date and time;"Free Shipping $100 Min. Use Code ""freeshipping""";"New Customers get 15% Off + Free Shipping $50 Min. Use Code ""mynewjourney""";null;X-series Order ID;language';

export const ECWID_MAPPING: ColumnMapping = {
  orderNumber: "order_number",
  placedAt: "timestamp",
  total: "order_total",
  itemName: "name",
  itemQuantity: "quantity",
  itemPrice: "price",
  itemTotal: "total",
  itemSku: "sku",
  itemOptions: "options",
  email: "email",
  phone: "shipto_person_phone",
  phoneFallback: "bill_person_phone",
  customerName: "shipto_person_name",
  customerNameFallback: "bill_person_name",
  subtotal: "order_subtotal",
  tax: "order_tax",
  shipping: "order_shipping",
  discount: "discount",
  paymentStatusCode: "payment_status_code",
  paymentStatusLabel: "payment_status",
  fulfillmentStatusCode: "fulfillment_status_code",
  fulfillmentStatusLabel: "fulfillment_status",
  xseriesOrderId: "X-series Order ID",
  acceptsMarketing: "accept_marketing",
};

// Status labels → the export's legacy codes (reference §1.8), used only when the code column is
// missing or empty. Labels vary in spelling and case; unknown labels give no code.

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

/** Codes as written; a row without one takes its label's legacy code. */
export const ecwidStatusRule: StatusRule = {
  normalizeCode: (code) => code,
  paymentCodeFromLabel,
  fulfillmentCodeFromLabel,
};

export const ecwidFormat = defineEcomExportFormat({
  name: "ecwid",
  label: "E-Series/Ecwid",
  fullLabel: "Lightspeed eCom E-Series/Ecwid",
  header: { signature: ["order_number", "timestamp", "order_total", "name", "quantity", "price"] },
  columns: ECWID_MAPPING,
  time: exportTimeRule,
  status: ecwidStatusRule,
  grouping: { orderFields: "every-row" },
});
