// The operator's corrections to a merge: split records off into a new customer, pin an email or
// phone to this customer, erase the customer (privacy request). Each asks before it acts.
import type { RouterOutputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiMutation, useApiQuery } from "../../api/use-api";
import { ConfirmButton, Section } from "../../components/ui";
import { Link } from "../../routing/use-route";
import { EraseCustomer } from "./erase-customer";

type Profile = RouterOutputs["customers"]["byId"];

const AFTER_CORRECTION = [["customers"], ["analytics"]] as const;

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
  const [reason, setReason] = useState("");
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
    <div className="action" data-testid="action-split">
      <h3>Split</h3>
      <p className="muted small">
        Move records that are someone else into a new customer; they stay apart on later syncs.
      </p>
      {records.length < 2 ? (
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
      )}
      <input
        type="text"
        placeholder="Reason (optional)"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="split-reason"
      />
      <ConfirmButton
        label={`Split off ${selected.size} record${selected.size === 1 ? "" : "s"}`}
        question={`Move ${selected.size} record(s) into a new customer?`}
        confirmLabel="Split"
        disabled={selected.size === 0 || selected.size >= records.length}
        pending={split.isPending}
        error={split.error}
        onConfirm={() =>
          split.mutate({
            customerId,
            records: [...selected],
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          })
        }
        testId="split-submit"
      />
      {split.data ? (
        <p className="success" data-testid="split-result">
          Moved {split.data.moved.length} record(s) to{" "}
          <Link to={{ page: "customer", customerId: split.data.newCustomerId }}>
            the new customer
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}

function PinContact({ customerId }: { customerId: string }) {
  const [kind, setKind] = useState<"email" | "phone">("email");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const pin = useApiMutation((api) => api.customers.pin, { invalidates: AFTER_CORRECTION });
  const trimmed = value.trim();
  return (
    <div className="action" data-testid="action-pin">
      <h3>Pin</h3>
      <p className="muted small">
        Every record carrying this email or phone belongs to this customer from now on.
      </p>
      <div className="row">
        <select
          value={kind}
          onChange={(event) => setKind(event.target.value as "email" | "phone")}
          data-testid="pin-kind"
        >
          <option value="email">Email</option>
          <option value="phone">Phone</option>
        </select>
        <input
          type={kind === "email" ? "email" : "tel"}
          placeholder={kind === "email" ? "name@example.com" : "+1 615 555 0100"}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          data-testid="pin-value"
        />
      </div>
      <input
        type="text"
        placeholder="Reason (optional)"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="pin-reason"
      />
      <ConfirmButton
        label="Pin"
        question={`Pin ${trimmed || "this"} to this customer?`}
        confirmLabel="Pin"
        disabled={trimmed.length < 3}
        pending={pin.isPending}
        error={pin.error}
        onConfirm={() =>
          pin.mutate({
            customerId,
            ...(kind === "email" ? { email: trimmed } : { phone: trimmed }),
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          })
        }
        testId="pin-submit"
      />
      {pin.data ? (
        <p className="success" data-testid="pin-result">
          Pinned {pin.data.identifier.kind.toLowerCase()} {pin.data.identifier.value} (
          {pin.data.records.length} record(s)).
        </p>
      ) : null}
    </div>
  );
}
