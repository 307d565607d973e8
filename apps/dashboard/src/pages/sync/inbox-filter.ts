// The webhook inbox's filter form (what the inputs hold, as text) as the API's filter input.
// Dates are whole days in the browser's time zone: "from" at its start, "to" through its end.
import type { RouterInputs } from "@greenloop/app-client";
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

/** The start of a date input's day in the browser's zone; undefined for none or a bad value. */
function startOfDay(value: string, addDays = 0): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function inboxFilterInput(form: InboxFilterForm): InboxFilterInput {
  const errorContains = form.errorContains.trim();
  const objectId = form.objectId.trim();
  const receivedFrom = startOfDay(form.from);
  const receivedBefore = startOfDay(form.to, 1);
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
