// The operator's corrections to a merge: split records off into a new customer, pin an email or
// phone to this customer, erase the customer (privacy request). Each asks before it acts.
import type { RouterOutputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiMutation, useApiQuery } from "../../api/use-api";
import { ConfirmAction } from "../../components/confirm-action";
import { LabelledSelect } from "../../components/labelled-select";
import { Section } from "../../components/ui";
import { Link } from "../../routing/use-route";
import { EraseCustomer } from "./erase-customer";

type Profile = RouterOutputs["customers"]["byId"];

const AFTER_CORRECTION = [["customers"], ["analytics"]] as const;

const pinKindOptions = [
  { value: "email", label: "Email" },
  { value: "phone", label: "Phone" },
] as const;

export function CustomerActions({ profile }: { profile: Profile }) {
  return (
    <Section title="Corrections (operator)" testId="customer-actions" wide>
      <div className="grid three">
        <SplitCustomer customerId={profile.customerId} />
        <PinContact customerId={profile.customerId} />
        <EraseCustomer profile={profile} />
      </div>
    </Section>
  );
}

function SplitCustomer({ customerId }: { customerId: string }) {
  const explanation = useApiQuery((api) => api.customers.explain, { customerId });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const split = useApiMutation((api) => api.customers.split, {
    invalidates: AFTER_CORRECTION,
    onSuccess: () => setSelected(new Set()),
  });
  const records = explanation.data?.records ?? [];
  const toggle = (record: string) => {
    const next = new Set(selected);
    if (next.has(record)) next.delete(record);
    else next.add(record);
    setSelected(next);
  };
  return (
    <ConfirmAction
      name="split"
      title="Split"
      description="Move records that are someone else into a new customer; they stay apart on later syncs."
      fields={
        records.length < 2 ? (
          <p className="muted small">Only one record: nothing to split.</p>
        ) : (
          <ul className="plain-list checks scroll-box">
            {records.map((record) => (
              <li key={record}>
                <label>
                  <input
                    type="checkbox"
                    checked={selected.has(record)}
                    onChange={() => toggle(record)}
                    data-testid="split-record"
                    value={record}
                  />{" "}
                  <code>{record}</code>
                </label>
              </li>
            ))}
          </ul>
        )
      }
      confirm={{
        label: `Split off ${selected.size} record${selected.size === 1 ? "" : "s"}`,
        question: `Move ${selected.size} record(s) into a new customer?`,
        confirmLabel: "Split",
        disabled: selected.size === 0 || selected.size >= records.length,
      }}
      mutation={split}
      onConfirm={(reason) => split.mutate({ customerId, records: [...selected], ...reason })}
      result={
        split.data ? (
          <p className="success" data-testid="split-result">
            Moved {split.data.moved.length} record(s) to{" "}
            <Link to={{ page: "customer", customerId: split.data.newCustomerId }}>
              the new customer
            </Link>
            .
          </p>
        ) : null
      }
    />
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
