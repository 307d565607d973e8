// "Download CSV" for a list: operators only (the export carries customers' contact data, and the
// backend refuses anyone else). The file is fetched with the session's token (a plain link could
// not send it), then handed to the browser as a download.
import { useState } from "react";
import { useAuth } from "../auth/auth-context";
import { readSessionToken } from "../auth/session-token";
import { downloadFileName, type ExportList, type ExportParams, exportUrl } from "./export-url";
import "./csv-download-button.css";

export function CsvDownloadButton({
  list,
  params,
  testId,
  label = "Download CSV",
  title,
}: {
  list: ExportList;
  /** The list's current filters and sort, so the file holds what the screen lists. */
  params?: ExportParams;
  testId: string;
  label?: string;
  title?: string;
}) {
  const { isOperator, signOut } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!isOperator) return null;

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const token = readSessionToken();
      const response = await fetch(exportUrl(list, params), {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (response.status === 401)
        return signOut("The server refused your token (it may have been revoked). Sign in again.");
      if (!response.ok) throw new Error(await refusalMessage(response));
      const blob = await response.blob();
      saveBlob(blob, downloadFileName(response.headers.get("content-disposition"), list));
    } catch (cause) {
      setError(
        cause instanceof Error ? cause.message : "The download failed; try again in a moment.",
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="csv-download">
      <button
        type="button"
        onClick={() => void download()}
        disabled={busy}
        data-testid={testId}
        title={title ?? "Download this list as a CSV file (includes customers' contact details)"}
      >
        {busy ? "Preparing…" : label}
      </button>
      {error ? (
        <span className="csv-download-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** The server's own words when it refuses (`{ error: { message } }`), else the status. */
async function refusalMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === "string") return body.error.message;
  } catch {
    // Not JSON: the status says enough.
  }
  return `The download failed (HTTP ${response.status}).`;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file over; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
