// Erasure (an account deletion request): personal data leaves every table and stays out after
// re-syncs; the orders stay, anonymised, in the store's totals.
import type { RouterOutputs } from "@greenloop/app-client";
import { useApiMutation } from "../../api/use-api";
import { ConfirmAction } from "../../components/confirm-action";
import { formatCount } from "../../format/format-number";
import { Link } from "../../routing/use-route";

type Profile = RouterOutputs["customers"]["byId"];

export function EraseCustomer({ profile }: { profile: Profile }) {
  const erase = useApiMutation((api) => api.privacy.eraseCustomer, {
    // Not this page's own queries: an erased customer is gone from them, and the result shows here.
    invalidates: [["customers", "list"], ["analytics"], ["privacy"]],
  });
  const result = erase.data;
  const removed = result ? Object.values(result.removed).reduce((sum, count) => sum + count, 0) : 0;
  return (
    <ConfirmAction
      name="erase"
      title="Erase"
      description="For an account deletion request: removes this person's personal data everywhere and keeps it out after later syncs. Their orders stay, anonymised, in the store's totals. This cannot be undone."
      reasonPlaceholder="Reason (optional, e.g. the request's reference)"
      confirm={{
        label: "Erase customer",
        question: `Erase ${profile.displayName ?? "this customer"} for good?`,
        confirmLabel: "Erase",
        danger: true,
        disabled: result !== undefined,
      }}
      mutation={erase}
      onConfirm={(reason) => erase.mutate({ customerId: profile.customerId, ...reason })}
      result={
        result ? (
          <p className="success" data-testid="erase-result">
            {result.alreadyErased
              ? "This customer had already been erased."
              : `Erased: ${formatCount(removed)} row(s) scrubbed or removed.`}{" "}
            <Link to={{ page: "customers" }}>Back to customers</Link>
          </p>
        ) : null
      }
    />
  );
}
