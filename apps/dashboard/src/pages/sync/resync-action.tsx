// "Resync from scratch" (operators): the chosen resources' version cursors go back to 0, so the
// next poll re-reads every record from X-Series. The confirmation says so before anything happens.
// Sales and customers are chosen at first; the catalog's lists are there to choose.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiMutation } from "../../api/use-api";
import { ConfirmButton } from "../../components/ui";
import { formatCount } from "../../format/format-number";

type Resource = RouterInputs["sync"]["resync"]["resources"][number];

const labels: Record<Resource, string> = {
  sales: "sales",
  customers: "customers",
  products: "products",
  brands: "brands",
  productCategories: "product categories",
};
const resources = Object.keys(labels) as Resource[];
const chosenAtFirst: readonly Resource[] = ["sales", "customers"];

/** "a", "a and b", "a, b and c". */
function listed(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export function ResyncAction() {
  const [chosen, setChosen] = useState<readonly Resource[]>(chosenAtFirst);
  const resync = useApiMutation((api) => api.sync.resync, { invalidates: [["sync"]] });
  const named = listed(chosen.map((resource) => labels[resource]));
  return (
    <div className="resync" data-testid="action-resync">
      <span className="resync-label">Resync from scratch:</span>
      {resources.map((resource) => (
        <label key={resource} className="resync-choice">
          <input
            type="checkbox"
            checked={chosen.includes(resource)}
            onChange={(event) =>
              setChosen(
                event.target.checked
                  ? resources.filter((r) => r === resource || chosen.includes(r))
                  : chosen.filter((r) => r !== resource),
              )
            }
            data-testid={`resync-${resource}`}
          />{" "}
          {labels[resource]}
        </label>
      ))}
      <ConfirmButton
        label="Resync from scratch"
        question={
          <>
            Reset the {named} cursor{chosen.length > 1 ? "s" : ""} to version 0? The next poll
            re-reads every {named} record from X-Series. Records already mirrored are updated in
            place, never duplicated; a large store takes a while.
          </>
        }
        confirmLabel="Reset and re-read"
        danger
        disabled={chosen.length === 0}
        pending={resync.isPending}
        error={resync.error}
        onConfirm={() => resync.mutate({ resources: [...chosen] })}
        testId="resync-submit"
      />
      {resync.data ? (
        <p className="success small" data-testid="resync-result">
          Reset{" "}
          {resync.data.resources
            .map(
              (entry) =>
                `${labels[entry.resource]} (was at version ${formatCount(entry.previousCursor)})`,
            )
            .join(", ")}
          : the next poll re-reads from version 0.
        </p>
      ) : null}
    </div>
  );
}
