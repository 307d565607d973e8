// A date-versioned sale read into the domain `Sale` the rest of the system knows from API 2.0, so
// the mirror, the merge and eCom recognition need not know which API a sale came from. Field
// mapping per the v0.9 → date-based migration guide and the 2026-07 OpenAPI (reference §5.9).
import type { DatedSaleWire } from "./schemas/dated-sale";
import type { Sale, SaleLineItem, SalePayment } from "./schemas/sale";

export function normalizeDatedSale(sale: DatedSaleWire, version: number): Sale {
  const source = sale.source;
  return {
    id: sale.id,
    version,
    outlet_id: source?.outlet_id ?? null,
    register_id: source?.register_id ?? null,
    user_id: source?.author?.id ?? source?.author_id ?? null,
    customer_id: sale.customer_id,
    invoice_number: sale.invoice_number,
    receipt_number: sale.receipt_number,
    // The 2.0 string ("USER", "ecw:<store>") is what eCom recognition reads.
    source: source?.type ?? null,
    source_id: source?.id ?? null,
    // Removed in the date-based API; `state` and `attributes` carry the lifecycle.
    status: null,
    state: sale.state,
    attributes: sale.attributes,
    note: sale.note,
    short_code: sale.short_code,
    return_for: sale.return?.original_sale_id ?? null,
    total_price: sale.totals.price,
    total_tax: sale.totals.tax,
    total_loyalty: sale.totals.loyalty,
    total_price_incl: sale.totals.price_incl_tax,
    sale_date: sale.date,
    created_at: sale.created_at,
    updated_at: sale.updated_at,
    deleted_at: sale.deleted_at,
    line_items: sale.line_items.map(
      (item): SaleLineItem => ({
        id: item.id,
        product_id: item.product?.id ?? null,
        quantity: item.quantity,
        price: item.pricing.price,
        price_total: item.pricing.total,
        tax_total: item.tax?.total ?? null,
        discount_total: item.pricing.discount_total,
        cost_total: item.pricing.cost_total,
        loyalty_value: item.pricing.loyalty_amount,
        status: item.status,
        is_return: item.return?.is_return ?? null,
        note: item.note,
      }),
    ),
    payments: sale.payments.map(
      (payment): SalePayment => ({
        id: payment.id,
        retailer_payment_type_id: payment.type?.config_id ?? null,
        // `type.id` is documented as "internal: global payment type ID"; that it is the 2.0
        // `payment_type_id` is UNCONFIRMED, nothing downstream reads it.
        payment_type_id: payment.type?.id ?? null,
        name: payment.type?.name ?? null,
        amount: payment.amount,
        payment_date: payment.date,
      }),
    ),
  };
}
