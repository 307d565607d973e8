// Which unknown paths are the dashboard's pages (it routes in the browser, so they all get its
// index.html): not a file (no extension in the last segment), not the API, not /metrics.
export function isPagePath(path: string): boolean {
  const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  if (under("/api") || under("/metrics")) return false;
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  return !lastSegment.includes(".");
}
