// A failed split or merge in the dashboard's words. The backend's refusals are shared with the CLI
// (and may name its flags); the dashboard previews first, so a refusal here means the data moved on.
import { errorMessage } from "../../api/api-error";

function codeOf(error: unknown): unknown {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data: unknown }).data;
  return typeof data === "object" && data !== null ? (data as { code?: unknown }).code : undefined;
}

export function splitErrorText(error: unknown): string {
  switch (codeOf(error)) {
    case "CONFLICT":
      return "The customer's records changed since the preview, so nothing was split. Preview again to see what would move now.";
    case "BAD_REQUEST":
      return "These records can no longer be split off as previewed, so nothing was split. Preview again.";
    case "NOT_FOUND":
      return "This customer is no longer there: it may have been merged or split meanwhile. Reload the page.";
    default:
      return errorMessage(error);
  }
}

export function mergeErrorText(error: unknown): string {
  switch (codeOf(error)) {
    case "CONFLICT":
      return "The customers changed since the preview (one may have been merged or split meanwhile), so nothing was merged. Choose the customer again to preview the merge now.";
    default:
      return errorMessage(error);
  }
}
