// Made-up API 2.0 records shaped like the official examples (reference §5.5, §6.2). No real data.

export function buildSale(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "0a6f6e3c-1111-4a2b-9c3d-000000000001",
    outlet_id: "0a6f6e3c-2222-4a2b-9c3d-000000000001",
    register_id: "0a6f6e3c-3333-4a2b-9c3d-000000000001",
    user_id: "0a6f6e3c-4444-4a2b-9c3d-000000000001",
    customer_id: "0a6f6e3c-5555-4a2b-9c3d-000000000001",
    invoice_number: "1036",
    invoice_sequence: 1036,
    receipt_number: "1036",
    source: "USER",
    source_id: null,
    status: "CLOSED",
    state: "closed",
    attributes: [],
    note: "",
    short_code: "abcdef",
    return_for: null,
    total_price: 200,
    total_tax: 30,
    total_loyalty: 2.3,
    created_at: "2026-01-05T21:09:59+00:00",
    updated_at: "2026-01-05T21:10:03+00:00",
    sale_date: "2026-01-05T21:09:56+00:00",
    deleted_at: null,
    version: 413,
    line_items: [
      {
        id: "0a6f6e3c-6666-4a2b-9c3d-000000000001",
        product_id: "0a6f6e3c-7777-4a2b-9c3d-000000000001",
        tax_id: "0a6f6e3c-8888-4a2b-9c3d-000000000001",
        quantity: 1,
        price: 200,
        price_total: 200,
        cost: 100,
        cost_total: 100,
        discount: 0,
        discount_total: 0,
        tax: 30,
        tax_total: 30,
        loyalty_value: 2.3,
        price_set: false,
        status: "CONFIRMED",
        sequence: 1,
        tax_components: [{ rate_id: "0a6f6e3c-9999-4a2b-9c3d-000000000001", total_tax: 30 }],
        is_return: false,
      },
    ],
    payments: [
      {
        id: "0a6f6e3c-aaaa-4a2b-9c3d-000000000001",
        register_id: "0a6f6e3c-3333-4a2b-9c3d-000000000001",
        outlet_id: "0a6f6e3c-2222-4a2b-9c3d-000000000001",
        retailer_payment_type_id: "0a6f6e3c-bbbb-4a2b-9c3d-000000000001",
        payment_type_id: "1",
        name: "Cash",
        amount: 230,
        payment_date: "2026-01-05T21:09:54+00:00",
        external_attributes: [],
      },
    ],
    adjustments: [],
    taxes: [{ amount: 30, id: "0a6f6e3c-9999-4a2b-9c3d-000000000001" }],
    ...overrides,
  };
}

/** An eCom-synced sale as observed (ecom-csv.md §4.2): ecw: source, order number in source_id and note. */
export function buildEcomSale(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return buildSale({
    source: "ecw:f00dfacecafe1234",
    source_id: "10234",
    status: "AWAITING_PICKUP",
    state: "pending",
    attributes: ["pickup"],
    invoice_number: "10231",
    receipt_number: "10231",
    note: "Order ID:10234\nPickup time:\nMon, Jan 05, 2026, 8:00 PM\nOrder Comments:\nno bag please",
    ...overrides,
  });
}

export function buildCustomer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "0a6f6e3c-cccc-4a2b-9c3d-000000000001",
    customer_code: "Sam-TEST",
    first_name: "Sam",
    last_name: "Example",
    email: "sam@example.com",
    phone: "+10000000000",
    do_not_email: false,
    enable_loyalty: true,
    year_to_date: 0,
    balance: -25.85,
    loyalty_balance: 8.60337,
    on_account_limit: null,
    customer_group_id: "0a6f6e3c-dddd-4a2b-9c3d-000000000001",
    created_at: "2025-10-09T05:20:09+00:00",
    updated_at: "2026-01-19T16:49:35+00:00",
    version: 2691964626,
    ...overrides,
  };
}
