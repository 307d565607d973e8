// Sync health: how fresh each source is, the jobs (run now), how late eCom orders reach X-Series,
// the ones still missing, alerts and dead-lettered webhooks.
import { useApiQuery } from "../../api/use-api";
import { QueryView } from "../../components/status-views";
import { AlertsSection } from "./alerts-section";
import { DeadLettersSection } from "./dead-letters-section";
import { DelaysSection } from "./delays-section";
import { FreshnessSection } from "./freshness-section";
import { JobsSection } from "./jobs-section";
import { MissingOrdersSection } from "./missing-orders-section";
import { SyncHistorySection } from "./sync-history-section";
import { WebhookInboxSection } from "./webhook-inbox-section";

export function SyncPage() {
  const status = useApiQuery((api) => api.sync.status, undefined, { refetchInterval: 30_000 });
  return (
    <div className="page" data-testid="page-sync">
      <div className="page-header">
        <h1>Sync health</h1>
        <button
          type="button"
          onClick={() => void status.refetch()}
          disabled={status.isFetching}
          data-testid="sync-refresh"
        >
          {status.isFetching ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <QueryView query={status} loadingLabel="Loading sync status…">
        {(data) => (
          <>
            <FreshnessSection status={data} />
            <JobsSection status={data} />
          </>
        )}
      </QueryView>
      <DelaysSection />
      <div className="grid two">
        <MissingOrdersSection />
        <AlertsSection />
      </div>
      <DeadLettersSection />
      <SyncHistorySection />
      <WebhookInboxSection />
    </div>
  );
}
