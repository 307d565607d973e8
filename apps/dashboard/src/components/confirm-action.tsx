// One operator correction as a card: what it does, its own fields, an optional reason, a button
// that asks before it calls the mutation, and the mutation's result.
import { type ReactNode, useState } from "react";
import { optionalReason } from "./optional-reason";
import { ConfirmButton } from "./ui";

export function ConfirmAction({
  name,
  title,
  description,
  fields,
  reasonPlaceholder = "Reason (optional)",
  confirm,
  mutation,
  onConfirm,
  result,
}: {
  /** Names the test ids: `action-<name>`, `<name>-reason`, `<name>-submit`. */
  name: string;
  title: string;
  description: ReactNode;
  /** The action's own inputs, above the reason. */
  fields?: ReactNode;
  reasonPlaceholder?: string;
  confirm: {
    label: string;
    question: ReactNode;
    confirmLabel: string;
    disabled?: boolean;
    danger?: boolean;
  };
  mutation: { isPending: boolean; error: unknown };
  onConfirm: (reason: { reason?: string }) => void;
  result: ReactNode;
}) {
  const [reason, setReason] = useState("");
  return (
    <div className="action" data-testid={`action-${name}`}>
      <h3>{title}</h3>
      <p className="muted small">{description}</p>
      {fields}
      <input
        type="text"
        placeholder={reasonPlaceholder}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid={`${name}-reason`}
      />
      <ConfirmButton
        {...confirm}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={() => onConfirm(optionalReason(reason))}
        testId={`${name}-submit`}
      />
      {result}
    </div>
  );
}
