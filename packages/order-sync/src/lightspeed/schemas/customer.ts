// The API 2.0 customer (reference §6.2). Absent fields are omitted by Lightspeed, so nearly everything
// is optional; unknown fields are kept for the raw store.
import { z } from "zod";
import { idSchema, optionalBooleanSchema, optionalTextSchema, versionSchema } from "./fields";
import { optionalMoneySchema } from "./money";
import { optionalUtcDateSchema } from "./utc-date";

export const customerSchema = z.looseObject({
  id: idSchema,
  version: versionSchema,
  customer_code: optionalTextSchema,
  customer_group_id: optionalTextSchema,
  first_name: optionalTextSchema,
  last_name: optionalTextSchema,
  /** Deprecated full name; some stores only fill this. */
  name: optionalTextSchema,
  company_name: optionalTextSchema,
  email: optionalTextSchema,
  phone: optionalTextSchema,
  mobile: optionalTextSchema,
  note: optionalTextSchema,
  /** A calendar date ("1963-03-03"), not an instant: kept as text so no time zone shifts it. */
  date_of_birth: optionalTextSchema,
  do_not_email: optionalBooleanSchema,
  /** Opted in to promotional texts (documented from the 2026-07 API on: absent before). */
  enable_promotional_sms: optionalBooleanSchema,
  enable_loyalty: optionalBooleanSchema,
  loyalty_balance: optionalMoneySchema,
  balance: optionalMoneySchema,
  year_to_date: optionalMoneySchema,
  on_account_limit: optionalMoneySchema,
  created_at: optionalUtcDateSchema,
  updated_at: optionalUtcDateSchema,
  deleted_at: optionalUtcDateSchema,
});

export type Customer = z.output<typeof customerSchema>;
