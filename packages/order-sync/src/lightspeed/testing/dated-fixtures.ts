// Made-up records of the date-versioned API (`/api/{YYYY-MM}/...`), field for field as Lightspeed
// documents them (reference §5.9, §6.2). No real data.
//
// The sale: Lightspeed publishes no example response of the date-based sale, so it carries every
// field of the 2026-07 OpenAPI's `Sale` response schema (nested `source`, `totals`, `pricing`, `tax`,
// payment `type`, `return`, `_metadata`), with the values of the 2.0 fixture (`buildSale`): the same
// sale in the other shape, so the two normalise to the same domain record.
// The customer: the 2026-07 `GET /customers/{customer_id}` example, key for key (the same shape
// as API 2.0), values made up.

export function buildDatedSale(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "0a6f6e3c-1111-4a2b-9c3d-000000000001",
    date: "2026-01-05T21:09:56Z",
    created_at: "2026-01-05T21:09:59+00:00",
    updated_at: "2026-01-05T21:10:03+00:00",
    deleted_at: null,
    customer_id: "0a6f6e3c-5555-4a2b-9c3d-000000000001",
    invoice_number: "1036",
    receipt_number: "1036",
    note: "",
    short_code: "abcdef",
    state: "closed",
    attributes: [],
    source: {
      type: "USER",
      id: null,
      register_id: "0a6f6e3c-3333-4a2b-9c3d-000000000001",
      outlet_id: "0a6f6e3c-2222-4a2b-9c3d-000000000001",
      author: { id: "0a6f6e3c-4444-4a2b-9c3d-000000000001" },
    },
    totals: { price: 200, price_incl_tax: 230, tax: 30, loyalty: 2.3, surcharge: 0 },
    line_items: [
      {
        id: "0a6f6e3c-6666-4a2b-9c3d-000000000001",
        product: { id: "0a6f6e3c-7777-4a2b-9c3d-000000000001" },
        quantity: 1,
        pricing: {
          price: 200,
          total: 200,
          cost: 100,
          cost_total: 100,
          discount: 0,
          discount_total: 0,
          loyalty_amount: 2.3,
          loyalty_amount_total: 2.3,
        },
        tax: { id: "0a6f6e3c-8888-4a2b-9c3d-000000000001", amount: 30, total: 30 },
        status: "CONFIRMED",
        note: null,
        salesperson_id: "0a6f6e3c-4444-4a2b-9c3d-000000000001",
        source: { register_id: "0a6f6e3c-3333-4a2b-9c3d-000000000001" },
        return: { is_return: false, reason: null },
        promotions: [],
        surcharges: [],
        customizations: [],
        gift_card_number: null,
        _metadata: {
          sequence: 1,
          is_price_override: false,
          tax_components: [{ rate_id: "0a6f6e3c-9999-4a2b-9c3d-000000000001", total_tax: 30 }],
        },
      },
    ],
    payments: [
      {
        id: "0a6f6e3c-aaaa-4a2b-9c3d-000000000001",
        amount: 230,
        date: "2026-01-05T21:09:54Z",
        deleted_at: null,
        type: { config_id: "0a6f6e3c-bbbb-4a2b-9c3d-000000000001", id: "1", name: "Cash" },
        source: {
          id: null,
          register_id: "0a6f6e3c-3333-4a2b-9c3d-000000000001",
          outlet_id: "0a6f6e3c-2222-4a2b-9c3d-000000000001",
        },
        surcharge: { rule: null, amount: 0 },
        billing_address_id: null,
        external_attributes: [],
        external_applications: [],
        _metadata: { register_open_sequence_id: "0a6f6e3c-cccc-4a2b-9c3d-0000000000ff" },
      },
    ],
    return: { is_return: false, original_sale_id: null, return_sale_ids: [] },
    adjustments: [],
    ecom_custom_charges: [],
    external_applications: [],
    taxes: [{ id: "0a6f6e3c-9999-4a2b-9c3d-000000000001", tax: 30 }],
    _metadata: {
      version: 413,
      complete_open_sequence_id: "0a6f6e3c-cccc-4a2b-9c3d-0000000000ff",
      has_unsynced_on_account_payments: false,
      xero_reference: null,
    },
    ...overrides,
  };
}

/**
 * An eCom-synced sale in the date-based shape: the 2.0 observations (ecom-csv.md §4.2) moved to
 * where the migration guide puts them (`source` → `source.type`, `source_id` → `source.id`).
 * That eCom fills them the same way in the date-based API is UNCONFIRMED.
 */
export function buildDatedEcomSale(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const sale = buildDatedSale();
  return {
    ...sale,
    source: { ...(sale.source as object), type: "ecw:f00dfacecafe1234", id: "10234" },
    state: "pending",
    attributes: ["pickup"],
    invoice_number: "10231",
    receipt_number: "10231",
    note: "Order ID:10234\nPickup time:\nMon, Jan 05, 2026, 8:00 PM\nOrder Comments:\nno bag please",
    // Redeemed points are paid as a "Loyalty" payment.
    payments: [
      datedPayment({
        id: "0a6f6e3c-aaaa-4a2b-9c3d-000000000002",
        amount: 220,
        name: "Square (Online)",
      }),
      datedPayment({ id: "0a6f6e3c-aaaa-4a2b-9c3d-000000000003", amount: 10, name: "Loyalty" }),
    ],
    ...overrides,
  };
}

function datedPayment(payment: { id: string; amount: number; name: string }) {
  return {
    id: payment.id,
    amount: payment.amount,
    date: "2026-01-05T21:09:54Z",
    deleted_at: null,
    type: { config_id: "0a6f6e3c-bbbb-4a2b-9c3d-000000000002", name: payment.name },
    source: { id: null, register_id: "0a6f6e3c-3333-4a2b-9c3d-000000000001" },
    external_attributes: [],
  };
}

export function buildDatedCustomer(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    balance: -25.85,
    company_name: "Example Co",
    created_at: "2025-10-09T05:20:09+00:00",
    custom_field_1: "test",
    custom_field_2: "",
    custom_field_3: "",
    custom_field_4: "",
    customer_code: "Sam-TEST",
    customer_group_id: "0a6f6e3c-dddd-4a2b-9c3d-000000000001",
    date_of_birth: "1990-03-03",
    do_not_email: false,
    email: "sam@example.com",
    enable_loyalty: true,
    enable_promotional_sms: false,
    fax: "+10000000002",
    first_name: "Sam",
    gender: "M",
    id: "0a6f6e3c-cccc-4a2b-9c3d-000000000001",
    last_name: "Example",
    loyalty_balance: 8.60337,
    mobile: "+10000000001",
    name: "Sam Example",
    note: "",
    phone: "+10000000000",
    physical_address_1: "Street 1",
    physical_address_2: "Street 2",
    physical_city: "Springfield",
    physical_country_id: "US",
    physical_postcode: "00000",
    physical_state: "IL",
    physical_suburb: "Suburb",
    postal_address_1: "Street 1",
    postal_address_2: "Street 2",
    postal_city: "Springfield",
    postal_country_id: "US",
    postal_postcode: "00000",
    postal_state: "IL",
    postal_suburb: "Suburb",
    twitter: "@example",
    updated_at: "2026-01-19T16:49:35+00:00",
    version: 2691964626,
    website: "http://www.example.com",
    year_to_date: 0,
    ...overrides,
  };
}
