// Replays the deliveries the inbox filter matches (operators). The confirmation asks the server
// how many that is when it opens, so the number confirmed is the number about to be replayed.
import { useApiMutation, useApiQuery } from "../../api/use-api";
import { ConfirmButton } from "../../components/ui";
import { formatCount } from "../../format/format-number";
import type { InboxFilterInput } from "./inbox-filter";

function ReplayQuestion({ filter }: { filter: InboxFilterInput }) {
  const preview = useApiQuery((api) => api.sync.replayPreview, filter, { staleTime: 0 });
  if (preview.error) return <>Could not count the deliveries to replay.</>;
  if (!preview.data) return <>Counting the deliveries to replay…</>;
  const { count } = preview.data;
  return (
    <>
      Replay{" "}
      <strong data-testid="inbox-replay-count" data-count={count}>
        {formatCount(count)}
      </strong>{" "}
      {count === 1 ? "delivery" : "deliveries"} matching this filter? Dead and done ones go back in
      the queue; the worker fetches each record again (no duplicates).
    </>
  );
}

export function ReplayByFilter({ filter }: { filter: InboxFilterInput }) {
  const replay = useApiMutation((api) => api.sync.replayWebhooks, { invalidates: [["sync"]] });
  return (
    <>
      <ConfirmButton
        label="Replay matching…"
        question={<ReplayQuestion filter={filter} />}
        confirmLabel="Replay"
        pending={replay.isPending}
        error={replay.error}
        onConfirm={() => replay.mutate(filter)}
        testId="inbox-replay"
      />
      {replay.data ? (
        <span className="success small" data-testid="inbox-replay-result">
          Replayed {formatCount(replay.data.replayed.length)}.
        </span>
      ) : null}
    </>
  );
}
