// A complete API 2.0 customer record with every optional field present (null when unknown), so
// partial input from tests or the generator always yields the full §6.2 shape.
import type { Customer } from "./resource-types";
import type { SeededRandom } from "./seeded-random";

const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export type CustomerInput = Partial<Omit<Customer, "id" | "version" | "created_at" | "updated_at">>;

export function buildCustomerRecord(options: {
  random: SeededRandom;
  input: CustomerInput;
  defaultGroupId: string;
  atIso: string;
}): Customer {
  const { input, random } = options;
  const first = input.first_name ?? null;
  const last = input.last_name ?? null;
  // Codes look like `Tony-N4ZJ` / `UNNAMED-669D` (reference §6.2).
  const code =
    input.customer_code ??
    `${(first ?? "UNNAMED").replace(/[^A-Za-z]/g, "") || "UNNAMED"}-${random.string(4, codeAlphabet)}`;
  const name = input.name ?? ([first, last].filter(Boolean).join(" ") || null);
  return {
    id: random.uuid(),
    customer_code: code,
    customer_group_id: input.customer_group_id ?? options.defaultGroupId,
    first_name: first,
    last_name: last,
    name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    mobile: input.mobile ?? null,
    fax: input.fax ?? null,
    twitter: input.twitter ?? null,
    website: input.website ?? null,
    company_name: input.company_name ?? null,
    note: input.note ?? null,
    gender: input.gender ?? null,
    date_of_birth: input.date_of_birth ?? null,
    do_not_email: input.do_not_email ?? false,
    enable_promotional_sms: input.enable_promotional_sms ?? false,
    enable_loyalty: input.enable_loyalty ?? true,
    loyalty_balance: input.loyalty_balance ?? 0,
    balance: input.balance ?? 0,
    year_to_date: input.year_to_date ?? 0,
    on_account_limit: input.on_account_limit ?? null,
    physical_address_1: input.physical_address_1 ?? null,
    physical_address_2: input.physical_address_2 ?? null,
    physical_suburb: input.physical_suburb ?? null,
    physical_city: input.physical_city ?? null,
    physical_postcode: input.physical_postcode ?? null,
    physical_state: input.physical_state ?? null,
    physical_country_id: input.physical_country_id ?? null,
    postal_address_1: input.postal_address_1 ?? null,
    postal_address_2: input.postal_address_2 ?? null,
    postal_suburb: input.postal_suburb ?? null,
    postal_city: input.postal_city ?? null,
    postal_postcode: input.postal_postcode ?? null,
    postal_state: input.postal_state ?? null,
    postal_country_id: input.postal_country_id ?? null,
    custom_field_1: input.custom_field_1 ?? null,
    custom_field_2: input.custom_field_2 ?? null,
    custom_field_3: input.custom_field_3 ?? null,
    custom_field_4: input.custom_field_4 ?? null,
    tax_id: input.tax_id ?? null,
    created_at: options.atIso,
    updated_at: options.atIso,
    deleted_at: input.deleted_at ?? null,
    version: 0,
  };
}
