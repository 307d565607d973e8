// "Resync from scratch" (operators): the chosen resources' version cursors go back to 0, so the
// next poll re-reads every record from X-Series. The confirmation says so before anything happens.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiMutation } from "../../api/use-api";
import { ConfirmButton } from "../../components/ui";
import { formatCount } from "../../format/format-number";

type Resource = RouterInputs["sync"]["resync"]["resources"][number];

const resources: readonly Resource[] = ["sales", "customers"];

export function ResyncAction() {
  const [chosen, setChosen] = useState<readonly Resource[]>(resources);
  const resync = useApiMutation((api) => api.sync.resync, { invalidates: [["sync"]] });
  const named = chosen.join(" and ");
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
          {resource}
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
              (entry) => `${entry.resource} (was at version ${formatCount(entry.previousCursor)})`,
            )
            .join(", ")}
          : the next poll re-reads from version 0.
        </p>
      ) : null}
    </div>
  );
}
