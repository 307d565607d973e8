// The eCom CSV import: upload an export (operators), follow its progress, read its counts and
// error report, and browse past runs.
import { useAuth } from "../../auth/auth-context";
import { Link } from "../../routing/use-route";
import { ImportRunView } from "./import-run-view";
import { ImportRunsList } from "./import-runs-list";
import { UploadForm } from "./upload-form";

export function ImportsPage({ runId }: { runId: string | undefined }) {
  const { isOperator } = useAuth();
  return (
    <div className="page" data-testid="page-imports">
      <div className="page-header">
        <h1>eCom order import</h1>
        {runId ? <Link to={{ page: "imports" }}>← New import</Link> : null}
      </div>
      {runId ? (
        <ImportRunView runId={runId} />
      ) : isOperator ? (
        <UploadForm />
      ) : (
        <div className="card">
          <p className="muted" data-testid="upload-needs-operator">
            Uploading an export needs an operator token; the runs below are open to every staff
            token.
          </p>
        </div>
      )}
      <ImportRunsList currentRunId={runId} />
    </div>
  );
}
