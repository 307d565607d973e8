// Consent as an X-Series customer carries it. `do_not_email` (API 2.0, default false) is an opt-out:
// true is a denial. `enable_promotional_sms` (2026-07 API, default false) is an opt-in: true is a
// grant. A flag at its default is no answer (every record starts there, including those the eCom
// integration creates for online buyers, whose checkout answer must not be overwritten by it), but
// a flag moved back to its default withdraws the record's earlier answer: so the default is kept
// as an observation marked `isDefault`. A record without the field says nothing.
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
    const denied = customer.do_not_email;
    const status = denied ? "denied" : "granted";
    observations.push({ channel: "email", status, source, observedAt, isDefault: !denied });
  }
  if (typeof customer.enable_promotional_sms === "boolean") {
    const granted = customer.enable_promotional_sms;
    const status = granted ? "granted" : "denied";
    observations.push({ channel: "sms", status, source, observedAt, isDefault: !granted });
  }
  return observations;
}
