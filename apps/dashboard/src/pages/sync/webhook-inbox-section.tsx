// The webhook inbox: every delivery newest first with each failed attempt's error, filtered by
// type, status, record, error text and the days it came in; a delivery's payload on request, its
// emails and phone numbers masked by the server. Operators replay what the filter matches, after
// a confirmation that says how many deliveries that is.
import { useState } from "react";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { PagedView } from "../../components/paged-view";
import { filterOptions, type SelectOption } from "../../components/select-options";
import { num } from "../../components/table-columns";
import { Section } from "../../components/ui";
import { useDebouncedValue } from "../../components/use-debounced-value";
import { formatCount } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";
import { emptyInboxFilter, type InboxFilterForm, inboxFilterInput } from "./inbox-filter";
import { InboxRow } from "./inbox-row";
import { ReplayByFilter } from "./replay-by-filter";
import "./sync-history.css";

const statusOptions: SelectOption<InboxFilterForm["status"]>[] = [
  { value: "", label: "Any status" },
  { value: "PENDING", label: "Pending" },
  { value: "PROCESSING", label: "Processing" },
  { value: "DONE", label: "Done" },
  { value: "DEAD", label: "Dead" },
];

export function WebhookInboxSection() {
  const { isOperator } = useAuth();
  const { timeZone } = useStoreTime();
  const [form, setForm] = useState<InboxFilterForm>(emptyInboxFilter);
  const set = (patch: Partial<InboxFilterForm>) => setForm((current) => ({ ...current, ...patch }));
  // Typed filters wait for a pause in typing; the selects and dates apply at once.
  const errorContains = useDebouncedValue(form.errorContains);
  const objectId = useDebouncedValue(form.objectId);
  const filter = inboxFilterInput({ ...form, errorContains, objectId }, timeZone);
  const inbox = useApiInfiniteQuery(
    (api) => api.sync.webhookInbox,
    { limit: 25, ...filter },
    { placeholderData: (previous) => previous },
  );
  const rows = mergeCursorPages(
    inbox.data?.pages ?? [],
    (page) => page.deliveries,
    (delivery) => delivery.id,
  );
  const first = inbox.data?.pages[0];
  const types = first?.types ?? [];
  return (
    <Section title="Webhook inbox" testId="webhook-inbox" wide>
      <div className="filters">
        <LabelledSelect
          label="Type"
          value={form.type}
          options={filterOptions(
            "Every type",
            form.type && !types.includes(form.type) ? [...types, form.type] : types,
          )}
          onChange={(type) => set({ type })}
          testId="inbox-type"
        />
        <LabelledSelect
          label="Status"
          value={form.status}
          options={statusOptions}
          onChange={(status) => set({ status })}
          testId="inbox-status"
        />
        <input
          type="search"
          placeholder="Sale or customer id"
          value={form.objectId}
          onChange={(event) => set({ objectId: event.target.value })}
          aria-label="Sale or customer id"
          data-testid="inbox-object"
        />
        <input
          type="search"
          placeholder="Error contains…"
          value={form.errorContains}
          onChange={(event) => set({ errorContains: event.target.value })}
          aria-label="Error contains"
          data-testid="inbox-error"
        />
        <label>
          <input
            type="checkbox"
            checked={form.failedOnly}
            onChange={(event) => set({ failedOnly: event.target.checked })}
            data-testid="inbox-failed-only"
          />{" "}
          Failed at least once
        </label>
        <label>
          From{" "}
          <input
            type="date"
            value={form.from}
            onChange={(event) => set({ from: event.target.value })}
            data-testid="inbox-from"
          />
        </label>
        <label>
          To{" "}
          <input
            type="date"
            value={form.to}
            onChange={(event) => set({ to: event.target.value })}
            data-testid="inbox-to"
          />
        </label>
      </div>
      <div className="inbox-replay-bar">
        <span className="muted small">
          <span data-testid="inbox-total">{first ? formatCount(first.total) : "…"}</span> deliveries
          match
        </span>
        {isOperator ? <ReplayByFilter filter={filter} /> : null}
      </div>
      <PagedView
        query={inbox}
        isEmpty={() => rows.length === 0}
        empty="No webhook deliveries match these filters."
        testId="inbox"
      >
        {() => (
          <DataTable
            testId="inbox-table"
            stale={inbox.isPlaceholderData}
            columns={["Received", "Type", "Object", "Status", num("Attempts"), "Errors", ""]}
          >
            {rows.map((delivery) => (
              <InboxRow key={delivery.id} delivery={delivery} />
            ))}
          </DataTable>
        )}
      </PagedView>
    </Section>
  );
}
