// The operator's corrections to a merge: split records off into a new customer (after a preview),
// merge another customer in, pin an email or phone to this customer, erase the customer (privacy
// request). Each asks before it acts.
import type { RouterOutputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiMutation } from "../../api/use-api";
import { ConfirmAction } from "../../components/confirm-action";
import { LabelledSelect } from "../../components/labelled-select";
import { Section } from "../../components/ui";
import { EraseCustomer } from "./erase-customer";
import { MergeCustomers } from "./merge-customers";
import { SplitRecords } from "./split-records";

type Profile = RouterOutputs["customers"]["byId"];

const AFTER_CORRECTION = [["customers"], ["analytics"]] as const;

const pinKindOptions = [
  { value: "email", label: "Email" },
  { value: "phone", label: "Phone" },
] as const;

export function CustomerActions({ profile }: { profile: Profile }) {
  return (
    <Section title="Corrections (operator)" testId="customer-actions" wide>
      <SplitRecords customerId={profile.customerId} />
      <div className="grid three">
        <MergeCustomers customerId={profile.customerId} />
        <PinContact customerId={profile.customerId} />
        <EraseCustomer profile={profile} />
      </div>
    </Section>
  );
}

function PinContact({ customerId }: { customerId: string }) {
  const [kind, setKind] = useState<"email" | "phone">("email");
  const [value, setValue] = useState("");
  const pin = useApiMutation((api) => api.customers.pin, { invalidates: AFTER_CORRECTION });
  const trimmed = value.trim();
  return (
    <ConfirmAction
      name="pin"
      title="Pin"
      description="Every record carrying this email or phone belongs to this customer from now on."
      fields={
        <div className="row">
          <LabelledSelect
            value={kind}
            options={pinKindOptions}
            onChange={setKind}
            testId="pin-kind"
          />
          <input
            type={kind === "email" ? "email" : "tel"}
            placeholder={kind === "email" ? "name@example.com" : "+1 615 555 0100"}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            data-testid="pin-value"
          />
        </div>
      }
      confirm={{
        label: "Pin",
        question: `Pin ${trimmed || "this"} to this customer?`,
        confirmLabel: "Pin",
        disabled: trimmed.length < 3,
      }}
      mutation={pin}
      onConfirm={(reason) =>
        pin.mutate({
          customerId,
          ...(kind === "email" ? { email: trimmed } : { phone: trimmed }),
          ...reason,
        })
      }
      result={
        pin.data ? (
          <p className="success" data-testid="pin-result">
            Pinned {pin.data.identifier.kind.toLowerCase()} {pin.data.identifier.value} (
            {pin.data.records.length} record(s)).
          </p>
        ) : null
      }
    />
  );
}
