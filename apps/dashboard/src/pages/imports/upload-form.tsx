// Pick an eCom export and send it through `imports.start`; the run opens as soon as the server
// has the file.
import {
  type EcomExportFormatChoice,
  ecomExportFormatChoices,
  ecomExportFormatTitles,
} from "@greenloop/order-sync/csv/format-names";
import { type FormEvent, useState } from "react";
import { useApiMutation } from "../../api/use-api";
import { LabelledSelect } from "../../components/labelled-select";
import { ErrorNote } from "../../components/status-views";
import { Section } from "../../components/ui";
import { formatCount } from "../../format/format-number";
import { navigate } from "../../routing/use-route";
import { importUploadBody } from "./upload-body";

// The formats and their titles come from the parser's registry (names only, nothing that runs in
// Node).
const formatOptions = ecomExportFormatChoices.map((value) => ({
  value,
  label: ecomExportFormatTitles[value],
}));

export function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<EcomExportFormatChoice>("auto");
  const [dryRun, setDryRun] = useState(false);
  const start = useApiMutation((api) => api.imports.start, {
    invalidates: [["imports"], ["sync"]],
    onSuccess: ({ runId }) => navigate(`/imports/${encodeURIComponent(runId)}`),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    start.mutate(importUploadBody(file, { format, dryRun, fileName: file.name }));
  }

  return (
    <Section title="Upload an export" testId="upload">
      <form className="upload-form" onSubmit={submit}>
        <label className="file-pick">
          <span>CSV file</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            data-testid="upload-file"
          />
        </label>
        {file ? (
          <p className="muted small" data-testid="upload-file-info">
            {file.name}, {formatCount(Math.ceil(file.size / 1024))} KB
          </p>
        ) : null}
        <LabelledSelect
          label="Format"
          visibleLabel
          value={format}
          options={formatOptions}
          onChange={setFormat}
          testId="upload-format"
        />
        <label className="check">
          <input
            type="checkbox"
            checked={dryRun}
            onChange={(event) => setDryRun(event.target.checked)}
            data-testid="upload-dry-run"
          />{" "}
          Dry run (check the file, write nothing)
        </label>
        <div>
          <button
            type="submit"
            className="primary"
            disabled={!file || start.isPending}
            data-testid="upload-submit"
          >
            {start.isPending ? "Uploading…" : dryRun ? "Check file" : "Import"}
          </button>
        </div>
        {start.error ? <ErrorNote error={start.error} /> : null}
      </form>
    </Section>
  );
}
