// The webhook inbox's filter form (what the inputs hold, as text) as the API's filter input.
// Dates are whole days of the store (STORE_TIMEZONE), as every date the dashboard shows: "from" at
// its start, "to" through its end.
import type { RouterInputs } from "@greenloop/app-client";
import { storePeriodStart } from "@greenloop/order-sync/store-time";
import type { ObjectInput } from "../../api/use-api";

export type InboxFilterInput = ObjectInput<RouterInputs["sync"]["replayPreview"]>;
type DeliveryStatus = NonNullable<InboxFilterInput["status"]>;

export interface InboxFilterForm {
  type: string;
  status: "" | DeliveryStatus;
  /** A sale or customer id. */
  objectId: string;
  errorContains: string;
  failedOnly: boolean;
  /** `YYYY-MM-DD` from a date input, or "". */
  from: string;
  to: string;
}

export const emptyInboxFilter: InboxFilterForm = {
  type: "",
  status: "",
  objectId: "",
  errorContains: "",
  failedOnly: false,
  from: "",
  to: "",
};

/** The start of a date input's day in the store's zone; undefined for none or a bad value. */
function startOfStoreDay(value: string, timeZone: string, addDays = 0): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  // Noon UTC of that date falls on the same date in every zone within ±12 h of UTC.
  const noon = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12);
  if (Number.isNaN(noon)) return undefined;
  return storePeriodStart(new Date(noon), "day", -addDays, timeZone);
}

export function inboxFilterInput(form: InboxFilterForm, timeZone: string): InboxFilterInput {
  const errorContains = form.errorContains.trim();
  const objectId = form.objectId.trim();
  const receivedFrom = startOfStoreDay(form.from, timeZone);
  const receivedBefore = startOfStoreDay(form.to, timeZone, 1);
  return {
    ...(form.type ? { type: form.type } : {}),
    ...(form.status ? { status: form.status } : {}),
    ...(objectId ? { objectId } : {}),
    ...(errorContains ? { errorContains } : {}),
    ...(form.failedOnly ? { failedOnly: true } : {}),
    ...(receivedFrom ? { receivedFrom } : {}),
    ...(receivedBefore ? { receivedBefore } : {}),
  };
}
