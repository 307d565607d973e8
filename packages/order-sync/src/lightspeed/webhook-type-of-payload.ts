// The webhook type a payload's shape tells, for deliveries that arrive without one: Lightspeed
// documents no `type` form field (reference §8.3), so a URL subscribed for several types, as the
// manual setup page invites, receives sales and customers alike. Sales are recognised in the API 1.0
// shape webhooks carry (`register_sale_products`, `sale_date`), and in the 2.0 and date-versioned
// shapes (`line_items`); customers by the fields only a customer record has (`customer_code`,
// `contact`, balances); products by a product's own fields (`handle`, `variant_parent_id`,
// `supply_price`: the 1.0 product shape). Anything else stays unknown: the worker finds out what
// its id is.

/** Top-level fields that only a sale has, in any of its shapes. */
const saleFields = [
  "register_sale_products",
  "register_sale_payments",
  "register_sale_attributes",
  "sale_date",
  "line_items",
  "invoice_number",
  "total_price",
] as const;

/** Top-level fields of a customer record (a sale names its customer under `customer`, nested). */
const customerFields = [
  "customer_code",
  "contact",
  "contact_first_name",
  "loyalty_balance",
  "year_to_date",
  "on_account_limit",
] as const;

/** Top-level fields of a product record (a sale's lines name products only inside its items). */
const productFields = ["handle", "variant_parent_id", "supply_price"] as const;

export function webhookTypeOfPayload(
  payload: Record<string, unknown>,
): "sale.update" | "customer.update" | "product.update" | null {
  if (saleFields.some((field) => field in payload)) return "sale.update";
  if (customerFields.some((field) => field in payload)) return "customer.update";
  if (productFields.some((field) => field in payload)) return "product.update";
  return null;
}
