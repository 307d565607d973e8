// The eCom (E-Series) order export header, verbatim from a real export (ecom-csv.md §1.2):
// 109 `;`-separated columns, the 103 standard ones, this store's four custom checkout fields,
// then `X-series Order ID` and `language`. Header cells are quoted only when they contain `"`.

export const ECOM_CSV_HEADER_LINE =
  'order_number;email;sku;name;weight;price;total;quantity;options;tax_details;customer_tax_exempt;customer_tax_id;reversed_tax_applied;timestamp;shipto_person_name;shipto_person_street_1;shipto_person_street_2;shipto_person_city;shipto_person_country_code;shipto_person_postal_code;shipto_person_state_code;shipto_person_country_name;shipto_person_state_name;shipto_person_phone;bill_person_name;bill_person_street_1;bill_person_street_2;bill_person_city;bill_person_country_code;bill_person_postal_code;bill_person_state_code;bill_person_country_name;bill_person_state_name;bill_person_phone;customer_group;payment_method;shipping_method;payment_status;fulfillment_status;payment_status_code;fulfillment_status_code;order_subtotal;order_tax;order_shipping;order_handling_fee;order_total;order_tax_1_name;order_tax_1_value;order_tax_2_name;order_tax_2_value;order_tax_3_name;order_tax_3_value;order_tax_4_name;order_tax_4_value;order_tracking_number;coupon_code;coupon_discount;volume_discount;detail_discount;discount;order_weight;order_comments;affiliate_id;utm_source;utm_medium;utm_campaign;utm_source_2;utm_medium_2;utm_campaign_2;utm_source_3;utm_medium_3;utm_campaign_3;utm_source_4;utm_medium_4;utm_campaign_4;utm_source_5;utm_medium_5;utm_campaign_5;utm_source_6;utm_medium_6;utm_campaign_6;utm_source_7;utm_medium_7;utm_campaign_7;utm_source_8;utm_medium_8;utm_campaign_8;utm_source_9;utm_medium_9;utm_campaign_9;utm_source_10;utm_medium_10;utm_campaign_10;customer_ipaddress;note_for_staff;accept_marketing;referer_id;gift_card_redemption;masked_gift_card_code;pickup_time;payment_transaction_id;tips;surcharges;Pickup date and time;"Free Shipping $100 Min. Use Code ""freeshipping""";"New Customers get 15% Off + Free Shipping $50 Min. Use Code ""mynewjourney""";null;X-series Order ID;language';

const utmColumns = Array.from({ length: 10 }, (_, i) => {
  const suffix = i === 0 ? "" : `_${i + 1}`;
  return [`utm_source${suffix}`, `utm_medium${suffix}`, `utm_campaign${suffix}`];
}).flat();

/** The store's custom checkout-field columns (104–107); they differ per store. */
export const ECOM_CSV_CUSTOM_COLUMNS = [
  "Pickup date and time",
  'Free Shipping $100 Min. Use Code "freeshipping"',
  'New Customers get 15% Off + Free Shipping $50 Min. Use Code "mynewjourney"',
  "null",
] as const;

export const ECOM_CSV_COLUMNS: readonly string[] = [
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
  ...personColumns("shipto"),
  ...personColumns("bill"),
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
  ...utmColumns,
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
  ...ECOM_CSV_CUSTOM_COLUMNS,
  "X-series Order ID",
  "language",
];

/** Columns the export quotes even when empty (ecom-csv.md §1.3). */
export const ALWAYS_QUOTED_COLUMNS: ReadonlySet<string> = new Set([
  "sku",
  "detail_discount",
  ...ECOM_CSV_CUSTOM_COLUMNS,
  "X-series Order ID",
]);

function personColumns(prefix: "shipto" | "bill"): string[] {
  return [
    "name",
    "street_1",
    "street_2",
    "city",
    "country_code",
    "postal_code",
    "state_code",
    "country_name",
    "state_name",
    "phone",
  ].map((field) => `${prefix}_person_${field}`);
}
