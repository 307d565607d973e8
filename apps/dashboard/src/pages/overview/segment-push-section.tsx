// Operators put an analytics segment into an X-Series customer group: pick the segment and the
// group, preview what would change, confirm, and undo a push from the list of recent ones.
import type { RouterInputs, RouterOutputs } from "@greenloop/app-client";
import { useState } from "react";
import { type ObjectInput, useApiMutation, useApiQuery } from "../../api/use-api";
import { LabelledSelect } from "../../components/labelled-select";
import { optionsFromLabels } from "../../components/select-options";
import { StatGrid } from "../../components/stat-grid";
import { ErrorNote, Loading } from "../../components/status-views";
import { ConfirmButton, Section } from "../../components/ui";
import { formatCount } from "../../format/format-number";
import { AFTER_PUSH, SegmentPushHistory } from "./segment-push-history";
import { customersWord, groupMovesText } from "./segment-push-text";
import "./segment-push.css";

type PushInput = RouterInputs["segmentPush"]["preview"];
type Preview = RouterOutputs["segmentPush"]["preview"];
type SegmentBy = NonNullable<ObjectInput<RouterInputs["analytics"]["segments"]>["by"]>;

const byLabels: Record<SegmentBy, string> = {
  rfmSegment: "RFM segment",
  tier: "Loyalty tier",
  inactivitySegment: "Inactivity",
};

const sameInput = (a: PushInput | null, b: PushInput) =>
  a !== null && a.by === b.by && a.segment === b.segment && a.groupId === b.groupId;

export function SegmentPushSection() {
  const [by, setBy] = useState<SegmentBy>("rfmSegment");
  const [segment, setSegment] = useState("");
  const [groupId, setGroupId] = useState("");
  const [previewed, setPreviewed] = useState<PushInput | null>(null);
  const segments = useApiQuery((api) => api.analytics.segments, { by });
  const groups = useApiQuery((api) => api.segmentPush.groups, undefined);
  const current: PushInput = { by, segment, groupId };
  const preview = useApiQuery((api) => api.segmentPush.preview, previewed ?? current, {
    enabled: previewed !== null,
  });
  const push = useApiMutation((api) => api.segmentPush.push, { invalidates: AFTER_PUSH });

  const segmentOptions = [
    { value: "", label: "Choose a segment…" },
    ...(segments.data?.segments ?? [])
      .filter((row) => row.customerCount > 0)
      .map((row) => ({
        value: row.segment,
        label: `${row.segment} (${customersWord(row.customerCount)})`,
      })),
  ];
  const groupOptions = [
    { value: "", label: "Choose a group…" },
    ...(groups.data ?? []).map((group) => ({ value: group.id, label: group.name })),
  ];
  const complete = segment !== "" && groupId !== "";
  const shown = sameInput(previewed, current) ? preview : null;

  return (
    <Section title="Push a segment to X-Series" testId="segment-push" wide>
      <p className="muted small">
        Puts the segment's customers into an X-Series customer group (for a promotion or a price
        book there). Customers already in the group are left as they are; a push can be undone.
      </p>
      <div className="segment-push-controls">
        <LabelledSelect
          label="Segment by"
          visibleLabel
          value={by}
          options={optionsFromLabels(byLabels)}
          onChange={(next) => {
            setBy(next);
            setSegment("");
          }}
          testId="segment-push-by"
        />
        <LabelledSelect
          label="Segment"
          visibleLabel
          value={segment}
          options={segmentOptions}
          onChange={setSegment}
          testId="segment-push-segment"
        />
        <LabelledSelect
          label="Customer group"
          visibleLabel
          value={groupId}
          options={groupOptions}
          onChange={setGroupId}
          testId="segment-push-group"
        />
        <button
          type="button"
          disabled={!complete}
          onClick={() => {
            push.reset();
            setPreviewed(current);
          }}
          data-testid="segment-push-preview"
        >
          Preview
        </button>
      </div>
      {groups.error ? <ErrorNote error={groups.error} onRetry={() => groups.refetch()} /> : null}
      {shown === null ? null : shown.error ? (
        <ErrorNote error={shown.error} onRetry={() => shown.refetch()} />
      ) : shown.data === undefined ? (
        <Loading label="Asking X-Series for its groups…" />
      ) : (
        <PreviewView preview={shown.data} pushing={push} onConfirm={() => push.mutate(current)} />
      )}
      {push.data ? (
        <p
          className="segment-push-result"
          data-testid="segment-push-result"
          data-run-id={push.data.runId}
        >
          {push.data.applied === 0
            ? `Nothing to change: every X-Series customer of ${push.data.preview.segment.value} is in ${push.data.preview.group.name} already.`
            : `Moved ${formatCount(push.data.applied)} X-Series customer record(s) into ${push.data.preview.group.name}.`}
          {push.data.failed > 0 ? ` ${formatCount(push.data.failed)} refused by X-Series.` : ""}
          {push.data.stopped ? ` Stopped early: ${push.data.stopped}` : ""}
        </p>
      ) : null}
      <SegmentPushHistory />
    </Section>
  );
}

function PreviewView({
  preview,
  pushing,
  onConfirm,
}: {
  preview: Preview;
  pushing: { isPending: boolean; error: unknown };
  onConfirm: () => void;
}) {
  const group = preview.group.name;
  return (
    <div className="segment-push-preview" data-testid="segment-push-preview-result">
      <StatGrid
        small
        idPrefix="segment-push"
        items={[
          {
            id: "customers",
            label: `In ${preview.segment.value}`,
            value: formatCount(preview.customers),
          },
          {
            id: "reachable",
            label: "Reachable by email",
            value: formatCount(preview.reachableByEmail),
            hint: "with an email, and no denial of marketing",
          },
          {
            id: "to-add",
            label: `To add to ${group}`,
            value: formatCount(preview.customersToAdd),
            hint: groupMovesText(preview.recordsToMove, preview.fromGroups),
          },
          {
            id: "already",
            label: `Already in ${group}`,
            value: formatCount(preview.customersAlreadyInGroup),
          },
          {
            id: "without",
            label: "Not in X-Series",
            value: formatCount(preview.customersWithoutRetailCustomer),
            hint: "online-only: no X-Series customer record to move",
            ...(preview.customersWithoutRetailCustomer > 0 ? { tone: "warn" as const } : {}),
          },
        ]}
      />
      {preview.withoutRetailCustomerSample.length > 0 ? (
        <p className="muted small">
          Cannot be pushed, for example:{" "}
          {preview.withoutRetailCustomerSample.map((customer, index) => (
            <span key={customer.customerId} data-testid="segment-push-without-name">
              {index > 0 ? ", " : ""}
              {customer.displayName ?? "Unnamed customer"}
            </span>
          ))}
          {preview.customersWithoutRetailCustomer > preview.withoutRetailCustomerSample.length
            ? ` and ${formatCount(
                preview.customersWithoutRetailCustomer - preview.withoutRetailCustomerSample.length,
              )} more`
            : ""}
          .
        </p>
      ) : null}
      <ConfirmButton
        label={`Add ${customersWord(preview.customersToAdd)} to ${group}`}
        question={`Move ${formatCount(preview.recordsToMove)} X-Series customer record(s) of ${preview.segment.value} into ${group}?`}
        confirmLabel="Push"
        disabled={preview.customersToAdd === 0}
        pending={pushing.isPending}
        error={pushing.error}
        onConfirm={onConfirm}
        testId="segment-push-submit"
      />
    </div>
  );
}
