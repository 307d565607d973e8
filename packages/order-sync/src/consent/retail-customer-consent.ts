// Consent as an X-Series customer carries it. `do_not_email` is the store's own opt-out flag (API
// 2.0, default false): true is a denial; false means the store may email them, its grant (X-Series
// has no opt-in for email). `enable_promotional_sms` (2026-07 API) is an opt-in: true grants, false
// denies; a record without it says nothing about texts.
import type { Customer } from "../lightspeed/schemas/customer";
import { type ConsentObservation, xseriesConsentSource } from "./consent-observation";

type ConsentFields = Pick<
  Customer,
  "id" | "do_not_email" | "enable_promotional_sms" | "updated_at" | "created_at"
>;

/** The customer's observations; `receivedAt` stands in for a record without any time of its own. */
export function consentOfRetailCustomer(
  customer: ConsentFields,
  receivedAt: Date,
): ConsentObservation[] {
  const source = xseriesConsentSource(customer.id);
  const observedAt = customer.updated_at ?? customer.created_at ?? receivedAt;
  const observations: ConsentObservation[] = [];
  if (typeof customer.do_not_email === "boolean") {
    const status = customer.do_not_email ? "denied" : "granted";
    observations.push({ channel: "email", status, source, observedAt });
  }
  if (typeof customer.enable_promotional_sms === "boolean") {
    const status = customer.enable_promotional_sms ? "granted" : "denied";
    observations.push({ channel: "sms", status, source, observedAt });
  }
  return observations;
}
