// Webhook payloads in the API 1.0 shape (reference §8.3): the real webhooks do not carry the 2.0
// objects. Customers follow the documented sample field set (numbers as strings, `sex`, nested
// `contact`, `YYYY-MM-DD HH:MM:SS` dates). The exact current `sale.update` shape is UNCONFIRMED;
// we use the Vend register_sale shape plus the newer fields (source, state, attributes).
import type { Customer, Sale } from "./resource-types";

export interface SalePayloadContext {
  customer: Customer | null;
  customerGroupName: string | null;
  userName: string;
  taxName: string;
}

export function saleWebhookPayload(
  sale: Sale,
  context: SalePayloadContext,
): Record<string, unknown> {
  const totalPayment = sale.payments.reduce((sum, payment) => sum + payment.amount, 0);
  return {
    id: sale.id,
    register_id: sale.register_id,
    market_id: "1",
    customer_id: sale.customer_id ?? "",
    customer_name: context.customer ? customerFullName(context.customer) : "",
    customer: context.customer
      ? {
          id: context.customer.id,
          name: customerFullName(context.customer),
          customer_code: context.customer.customer_code,
          customer_group_id: context.customer.customer_group_id,
          customer_group_name: context.customerGroupName ?? "",
          updated_at: legacyDate(context.customer.updated_at),
          deleted_at: context.customer.deleted_at ? legacyDate(context.customer.deleted_at) : "",
          balance: context.customer.balance.toFixed(3),
          year_to_date: context.customer.year_to_date.toFixed(5),
          points: "0",
        }
      : {},
    user_id: sale.user_id,
    user_name: context.userName,
    sale_date: legacyDate(sale.sale_date),
    created_at: legacyDate(sale.created_at),
    updated_at: legacyDate(sale.updated_at),
    deleted_at: sale.deleted_at ? legacyDate(sale.deleted_at) : null,
    total_price: sale.total_price,
    total_tax: sale.total_tax,
    tax_name: context.taxName,
    note: sale.note,
    status: sale.status,
    state: sale.state,
    register_sale_attributes: sale.attributes,
    short_code: sale.short_code,
    invoice_number: sale.invoice_number,
    source: sale.source,
    source_id: sale.source_id,
    return_for: sale.return_for,
    register_sale_products: sale.line_items.map((line) => ({
      id: line.id,
      product_id: line.product_id,
      register_id: sale.register_id,
      sequence: String(line.sequence),
      quantity: line.quantity,
      price: line.price,
      price_set: line.price_set ? 1 : 0,
      tax: line.tax,
      tax_id: line.tax_id,
      tax_total: line.tax_total,
      price_total: line.price_total,
      display_retail_price_tax_inclusive: "0",
      status: line.status,
    })),
    totals: {
      total_tax: sale.total_tax,
      total_price: sale.total_price,
      total_payment: Math.round(totalPayment * 100) / 100,
      total_to_pay: Math.round((sale.total_price_incl - totalPayment) * 100) / 100,
    },
    register_sale_payments: sale.payments.map((payment) => ({
      id: payment.id,
      payment_type_id: payment.payment_type_id,
      register_id: payment.register_id,
      retailer_payment_type_id: payment.retailer_payment_type_id,
      name: payment.name,
      payment_date: legacyDate(payment.payment_date),
      amount: payment.amount,
    })),
  };
}

export function customerWebhookPayload(
  customer: Customer,
  retailerId: string,
): Record<string, unknown> {
  const text = (value: string | null) => value ?? "";
  return {
    id: customer.id,
    retailer_id: retailerId,
    customer_code: customer.customer_code,
    customer_group_id: customer.customer_group_id,
    first_name: text(customer.first_name),
    last_name: text(customer.last_name),
    company_name: text(customer.company_name),
    do_not_email: customer.do_not_email,
    email: text(customer.email),
    phone: text(customer.phone),
    mobile: text(customer.mobile),
    fax: text(customer.fax),
    balance: customer.balance.toFixed(3),
    loyalty_balance: customer.loyalty_balance.toFixed(5),
    on_account_limit: customer.on_account_limit === null ? null : String(customer.on_account_limit),
    enable_loyalty: customer.enable_loyalty,
    points: 0,
    note: text(customer.note),
    year_to_date: customer.year_to_date.toFixed(5),
    sex: customer.gender ?? "",
    date_of_birth: customer.date_of_birth ? `${customer.date_of_birth} 00:00:00` : null,
    custom_field_1: text(customer.custom_field_1),
    custom_field_2: text(customer.custom_field_2),
    custom_field_3: text(customer.custom_field_3),
    custom_field_4: text(customer.custom_field_4),
    updated_at: legacyDate(customer.updated_at),
    created_at: legacyDate(customer.created_at),
    deleted_at: customer.deleted_at ? legacyDate(customer.deleted_at) : null,
    contact: {
      first_name: text(customer.first_name),
      last_name: text(customer.last_name),
      company_name: text(customer.company_name),
      phone: text(customer.phone),
      mobile: text(customer.mobile),
      fax: text(customer.fax),
      email: text(customer.email),
      twitter: text(customer.twitter),
      website: text(customer.website),
      physical_address1: text(customer.physical_address_1),
      physical_address2: text(customer.physical_address_2),
      physical_suburb: text(customer.physical_suburb),
      physical_city: text(customer.physical_city),
      physical_postcode: text(customer.physical_postcode),
      physical_state: text(customer.physical_state),
      physical_country_id: text(customer.physical_country_id),
      postal_address1: text(customer.postal_address_1),
      postal_address2: text(customer.postal_address_2),
      postal_suburb: text(customer.postal_suburb),
      postal_city: text(customer.postal_city),
      postal_postcode: text(customer.postal_postcode),
      postal_state: text(customer.postal_state),
      postal_country_id: text(customer.postal_country_id),
    },
    contact_first_name: text(customer.first_name),
    contact_last_name: text(customer.last_name),
  };
}

function customerFullName(customer: Customer): string {
  return [customer.first_name, customer.last_name].filter(Boolean).join(" ");
}

/** `2026-01-01T10:00:00+00:00` → `2026-01-01 10:00:00`. */
export function legacyDate(apiDate: string): string {
  return apiDate.slice(0, 19).replace("T", " ");
}
