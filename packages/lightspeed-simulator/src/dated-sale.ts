// The date-versioned API's sale (`/api/{YYYY-MM}/sales`, reference §5.9): the store's API 2.0 record
// in the shape of the 2026-07 OpenAPI's `Sale` response, as the v0.9 → date-based migration guide
// maps the fields. Only fields that schema documents are served: no `status`, no `sale_date`, no
// top-level `version` (it lives in `_metadata.version`), no `invoice_sequence`.
import type { Sale } from "./resource-types";

export interface DatedLineItem {
  id: string;
  product: { id: string };
  quantity: number;
  pricing: {
    price: number;
    total: number;
    cost: number;
    cost_total: number;
    discount: number;
    discount_total: number;
    loyalty_amount: number;
    loyalty_amount_total: number;
  };
  tax: { id: string; amount: number; total: number };
  status: string;
  note: string | null;
  salesperson_id: string | null;
  source: { register_id: string };
  return: { is_return: boolean };
  promotions: unknown[];
  surcharges: unknown[];
  _metadata: {
    sequence: number;
    is_price_override: boolean;
    tax_components: Array<{ rate_id: string; total_tax: number }>;
  };
}

export interface DatedPayment {
  id: string;
  amount: number;
  date: string;
  deleted_at: string | null;
  type: { config_id: string; id: string; name: string };
  source: { id: string | null; register_id: string; outlet_id: string };
  external_attributes: unknown[];
}

export interface DatedSale {
  id: string;
  date: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  customer_id: string | null;
  invoice_number: string;
  receipt_number: string;
  note: string;
  short_code: string;
  state: Sale["state"];
  attributes: string[];
  source: {
    type: string;
    id: string | null;
    register_id: string;
    outlet_id: string;
    author: { id: string };
  };
  totals: {
    price: number;
    price_incl_tax: number;
    tax: number;
    loyalty: number;
    surcharge: number;
  };
  line_items: DatedLineItem[];
  payments: DatedPayment[];
  return: { is_return: boolean; original_sale_id: string | null; return_sale_ids: string[] };
  adjustments: Array<{ adjustment_type: string; name: string; total: number }>;
  ecom_custom_charges: unknown[];
  external_applications: unknown[];
  taxes: Array<{ id: string; tax: number }>;
  _metadata: { version: number };
}

export function toDatedSale(sale: Sale): DatedSale {
  return {
    id: sale.id,
    date: sale.sale_date,
    created_at: sale.created_at,
    updated_at: sale.updated_at,
    deleted_at: sale.deleted_at,
    customer_id: sale.customer_id,
    invoice_number: sale.invoice_number,
    receipt_number: sale.receipt_number,
    note: sale.note,
    short_code: sale.short_code,
    state: sale.state,
    attributes: [...sale.attributes],
    source: {
      type: sale.source,
      id: sale.source_id,
      register_id: sale.register_id,
      outlet_id: sale.outlet_id,
      author: { id: sale.user_id },
    },
    totals: {
      price: sale.total_price,
      price_incl_tax: sale.total_price_incl,
      tax: sale.total_tax,
      loyalty: sale.total_loyalty,
      surcharge: 0,
    },
    line_items: sale.line_items.map((line) => ({
      id: line.id,
      product: { id: line.product_id },
      quantity: line.quantity,
      pricing: {
        price: line.price,
        total: line.price_total,
        cost: line.cost,
        cost_total: line.cost_total,
        discount: line.discount,
        discount_total: line.discount_total,
        loyalty_amount: line.loyalty_value,
        loyalty_amount_total: line.total_loyalty_value,
      },
      tax: { id: line.tax_id, amount: line.tax, total: line.tax_total },
      status: line.status,
      note: line.note,
      salesperson_id: line.salesperson_id,
      source: { register_id: sale.register_id },
      return: { is_return: line.is_return },
      promotions: [],
      surcharges: [],
      _metadata: {
        sequence: line.sequence,
        is_price_override: line.price_set,
        tax_components: line.tax_components.map((component) => ({ ...component })),
      },
    })),
    payments: sale.payments.map((payment) => ({
      id: payment.id,
      amount: payment.amount,
      date: payment.payment_date,
      deleted_at: payment.deleted_at,
      type: {
        config_id: payment.retailer_payment_type_id,
        id: payment.payment_type_id,
        name: payment.name,
      },
      source: { id: null, register_id: payment.register_id, outlet_id: payment.outlet_id },
      external_attributes: [...payment.external_attributes],
    })),
    return: {
      is_return: sale.return_for !== null,
      original_sale_id: sale.return_for,
      return_sale_ids: [],
    },
    adjustments: sale.adjustments.map((adjustment) => ({
      adjustment_type: adjustment.type,
      name: adjustment.name,
      total: adjustment.value,
    })),
    ecom_custom_charges: [],
    external_applications: [...sale.external_applications],
    taxes: sale.taxes.map((tax) => ({ id: tax.id, tax: tax.amount })),
    _metadata: { version: sale.version },
  };
}
