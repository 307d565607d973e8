// The records the simulated store holds, in the API 2.0 wire shape (reference §5.4, §6.2), plus the
// store-internal catalog and eCom order types. Money fields are JSON numbers like the real API.

export type SaleStatus =
  | "SAVED"
  | "CLOSED"
  | "ONACCOUNT"
  | "LAYBY"
  | "ONACCOUNT_CLOSED"
  | "LAYBY_CLOSED"
  | "AWAITING_DISPATCH"
  | "AWAITING_PICKUP"
  | "DISPATCHED_CLOSED"
  | "PICKED_UP_CLOSED"
  | "VOIDED"
  | "SERVICE"
  | "SERVICE_CLOSED";

export type SaleState = "parked" | "pending" | "voided" | "closed";

export interface Outlet {
  id: string;
  name: string;
  time_zone: string;
  currency: string;
  physical_address_1: string | null;
  physical_city: string | null;
  physical_postcode: string | null;
  physical_state: string | null;
  physical_country_id: string | null;
  deleted_at: string | null;
  version: number;
}

export interface Register {
  id: string;
  name: string;
  outlet_id: string;
  invoice_prefix: string;
  invoice_suffix: string;
  invoice_sequence: number;
  is_open: boolean;
  deleted_at: string | null;
  version: number;
}

export interface CustomerGroup {
  id: string;
  group_id: string;
  name: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface Customer {
  id: string;
  customer_code: string;
  customer_group_id: string;
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  fax: string | null;
  twitter: string | null;
  website: string | null;
  company_name: string | null;
  note: string | null;
  gender: "M" | "F" | null;
  date_of_birth: string | null;
  do_not_email: boolean;
  enable_promotional_sms: boolean;
  enable_loyalty: boolean;
  loyalty_balance: number;
  balance: number;
  year_to_date: number;
  on_account_limit: number | null;
  physical_address_1: string | null;
  physical_address_2: string | null;
  physical_suburb: string | null;
  physical_city: string | null;
  physical_postcode: string | null;
  physical_state: string | null;
  physical_country_id: string | null;
  postal_address_1: string | null;
  postal_address_2: string | null;
  postal_suburb: string | null;
  postal_city: string | null;
  postal_postcode: string | null;
  postal_state: string | null;
  postal_country_id: string | null;
  custom_field_1: string | null;
  custom_field_2: string | null;
  custom_field_3: string | null;
  custom_field_4: string | null;
  tax_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

export interface TaxComponent {
  rate_id: string;
  total_tax: number;
}

export interface LineItem {
  id: string;
  product_id: string;
  tax_id: string;
  quantity: number;
  price: number;
  price_total: number;
  cost: number;
  cost_total: number;
  discount: number;
  discount_total: number;
  tax: number;
  tax_total: number;
  loyalty_value: number;
  price_set: boolean;
  status: "SAVED" | "VOIDED" | "CONFIRMED";
  sequence: number;
  note: string | null;
  is_return: boolean;
  salesperson_id: string | null;
  tax_components: TaxComponent[];
  unit_cost: number;
  unit_discount: number;
  unit_loyalty_value: number;
  unit_price: number;
  unit_tax: number;
  total_cost: number;
  total_discount: number;
  total_loyalty_value: number;
  total_price: number;
  total_tax: number;
}

export interface Payment {
  id: string;
  register_id: string;
  outlet_id: string;
  retailer_payment_type_id: string;
  payment_type_id: string;
  name: string;
  amount: number;
  payment_date: string;
  external_attributes: unknown[];
  deleted_at: string | null;
}

export interface SaleTax {
  id: string;
  name: string;
  rate: number;
  amount: number;
}

export interface SaleAdjustment {
  name: string;
  type: "NON_CASH_FEE" | "DISCOUNT" | "TIP" | "SURCHARGE" | "ECOM_CUSTOM_CHARGE";
  value: number;
}

export interface Sale {
  id: string;
  outlet_id: string;
  register_id: string;
  user_id: string;
  customer_id: string | null;
  invoice_number: string;
  invoice_sequence: number;
  receipt_number: string;
  source: string;
  source_id: string | null;
  status: SaleStatus;
  state: SaleState;
  attributes: string[];
  note: string;
  short_code: string;
  return_for: string | null;
  total_price: number;
  total_tax: number;
  total_loyalty: number;
  total_price_incl: number;
  sale_date: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  line_items: LineItem[];
  payments: Payment[];
  taxes: SaleTax[];
  adjustments: SaleAdjustment[];
  external_applications: unknown[];
}

/** A sellable product of the fake catalog: sales and eCom orders reference it by id and SKU. */
export interface Product {
  id: string;
  sku: string;
  name: string;
  /** eCom `options` cell, e.g. `Amount:3.5G`. */
  option: string;
  priceCents: number;
  costCents: number;
  /** Its `/brands` record; null for house items (the delivery fee). */
  brandId?: string | null;
  /** Its `/product_types` record (a product category). */
  categoryId?: string | null;
  /** The family's parent product when this is a variant of another (same strain, other size). */
  variantParentId?: string | null;
}

/** `/api/2.0/products`: one product (variant), in the API 2.0 wire shape. */
export interface ProductRecord {
  id: string;
  source_id: string | null;
  variant_parent_id: string | null;
  name: string;
  variant_name: string;
  handle: string;
  sku: string;
  active: boolean;
  has_inventory: boolean;
  has_variants: boolean;
  is_composite: boolean;
  description: string;
  brand_id: string | null;
  product_type_id: string | null;
  supplier_id: string | null;
  price_excluding_tax: number;
  supply_price: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

/** `/api/2.0/brands` (reference §4.1's example: id, name, deleted_at, version). */
export interface Brand {
  id: string;
  name: string;
  description: string | null;
  deleted_at: string | null;
  version: number;
}

/**
 * `/api/2.0/product_types`: a product category. Since 2023-02 product types carry their place in
 * the category hierarchy (`leaf_category`, `category_path`); our store's categories are flat.
 */
export interface ProductType {
  id: string;
  name: string;
  leaf_category: boolean;
  category_path: { id: string; name: string }[];
  deleted_at: string | null;
  version: number;
}

/** One tax the store charges; the eCom CSV names them, X-Series lines carry them as components. */
export interface TaxRate {
  id: string;
  name: string;
  rate: number;
}

export interface PaymentType {
  id: string;
  name: string;
  /** Deprecated numeric type code the API still returns as a string. */
  typeCode: string;
}

export interface User {
  id: string;
  name: string;
  email: string;
}

export type EcomFulfillment = "pickup" | "delivery";

export interface EcomOrderLine {
  productId: string;
  sku: string;
  name: string;
  option: string;
  priceCents: number;
  quantity: number;
  /** Tax per store tax rate for this line, in cents, same order as the store's tax rates. */
  taxCents: number[];
}

export interface EcomAddress {
  street: string;
  city: string;
  stateCode: string;
  stateName: string;
  postalCode: string;
}

/** An order placed on the eCom (E-Series) storefront, before and after it reaches X-Series. */
export interface EcomOrder {
  orderNumber: string;
  email: string;
  personName: string;
  firstName: string;
  lastName: string;
  /** As the storefront stores it: ` +1NNNNNNNNNN` (leading space) or null. */
  phone: string | null;
  placedAtMs: number;
  /** When X-Series receives it (placed + sync delay). */
  arrivesAtMs: number;
  fulfillment: EcomFulfillment;
  pickupAtMs: number | null;
  address: EcomAddress | null;
  lines: EcomOrderLine[];
  subtotalCents: number;
  taxCents: number[];
  shippingCents: number;
  /** Points redeemed: an eCom discount, an X-Series `Loyalty` payment. */
  loyaltyCents: number;
  totalCents: number;
  comments: string;
  ipAddress: string;
  acceptMarketing: boolean;
  transactionId: string;
  trackingNumber: string;
  /** Whether the synced X-Series sale is already closed (picked up / dispatched) when it arrives. */
  closedOnArrival: boolean;
  /** The export's `X-series Order ID` lags: it stays empty for some synced orders. */
  csvLinkLags: boolean;
  /** Set once synced. */
  saleId: string | null;
}
