// Where a list's CSV export is (`/api/exports/<list>.csv?<the list's filters>`) and what the
// browser saves it as. Pure, so it is tested in node.

/** The exports the backend serves (apps/backend/src/exports/export-route.ts). */
export type ExportList = "customers" | "top-customers" | "at-risk-customers" | "missing-orders";

export type ExportParams = Record<string, string | number | boolean | null | undefined>;

/** The export's path with the list's filters; empty and missing filters are left out. */
export function exportUrl(list: ExportList, params: ExportParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return `/api/exports/${list}.csv${text ? `?${text}` : ""}`;
}

/** The file name the server gave (`attachment; filename="…"`), else `<list>.csv`. */
export function downloadFileName(contentDisposition: string | null, list: ExportList): string {
  const match = /filename="([^"]+)"/u.exec(contentDisposition ?? "");
  return match?.[1] ?? `${list}.csv`;
}
